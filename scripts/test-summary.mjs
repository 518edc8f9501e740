// Prints one closing line for the whole `npm test` run — "N passed, N failed, N skipped" — from the
// JSON reports vitest and Playwright write into test-results/.
import fs from 'node:fs';

const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};
const unit = read('test-results/vitest.json');
const e2e = read('test-results/playwright.json');
if (!unit || !e2e) {
  process.stderr.write('test-summary: a JSON test report is missing (did both runners finish?)\n');
  process.exit(1);
}
const passed = unit.numPassedTests + e2e.stats.expected + (e2e.stats.flaky ?? 0);
const failed = unit.numFailedTests + e2e.stats.unexpected;
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.stats.skipped;
console.log(`\nunit, property and integration: ${unit.numPassedTests} passed · end-to-end in Chromium: ${e2e.stats.expected} passed, ${e2e.stats.skipped} skipped`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
