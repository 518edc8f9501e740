// Builds the CLI bundle once before any test file runs, so the tests that spawn `bin/parley.js`
// test the current sources and never race each other writing out/cli/parley.js.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: 'inherit' });
}
