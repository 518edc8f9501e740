// Benchmarks of the robustness engine (DESIGN.md §12; issue 9's targets): sampling and flip points on the
// 12 parties × 40 issues generated case with 20 compared scenarios, and the default case as the app runs
// it. They print figures beside the targets and never fail. `npm run bench` runs them after run.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCaseText } from '../../src-core/case-file.ts';
import { flipAnalysis } from '../../src-core/robustness/flips.ts';
import { parseObjective } from '../../src-core/robustness/objective.ts';
import { analyseRobustness, startRobustness } from '../../src-core/robustness/sensitivity.ts';
import { DEFAULT_ROBUSTNESS } from '../../src-core/robustness/settings.ts';
import { compileCase } from '../../src-core/scoring.ts';
import { countStances, generateCase } from '../fixtures/generate-case.ts';
import { Bench } from './figures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bench = new Bench();
const totalStart = performance.now();

console.log(`Robustness benchmarks — Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}, load average ${os.loadavg()[0]!.toFixed(1)}\n`);

const c = generateCase({ parties: 12, issues: 40, options: 6, scenarios: 20, seed: 2025 });
const asOf = c.asOf ?? null;
console.log(`case: ${c.parties.length} parties × ${c.issues.length} issues × 6 options, ${c.positions.length} positions, ${countStances(c)} stances; ${c.scenarios.length} scenarios compared`);
const settings = { ...DEFAULT_ROBUSTNESS };
console.log(`settings: ${settings.samples} samples, seed ${settings.seed}, salience jitter ±${settings.salienceJitter}, stance flip ${settings.stanceFlip}, objective ${settings.objective}\n`);

let sink = 0;
bench.run(`sampling: ${settings.samples} samples × ${c.scenarios.length} scenarios (12×40)`, { runs: 10, warmup: 2, target: 500 }, () => {
  const run = startRobustness(c, c.scenarios, settings, asOf);
  run.sampler.step(settings.samples);
  sink += run.sampler.result()[0]!.pBest;
});
const compiled = compileCase(c, asOf);
const rule = parseObjective(c, 'maximin');
if (!rule.ok) throw new Error(rule.error);
let flips = 0;
bench.run(`flip points: ${c.scenarios.length} scenarios (12×40), maximin`, { runs: 10, warmup: 2, target: 300 }, () => {
  flips = flipAnalysis(compiled, c.scenarios, rule.rule).sides.length;
});
for (const objective of ['mean', 'nash'] as const) {
  const r = parseObjective(c, objective);
  if (r.ok) bench.run(`flip points: ${c.scenarios.length} scenarios (12×40), ${objective}`, { runs: 5, warmup: 1 }, () => flipAnalysis(compiled, c.scenarios, r.rule));
}
bench.run('whole analysis (sampling + flip points), 12×40, 20 scenarios', { runs: 5, warmup: 1 }, () => analyseRobustness(c, c.scenarios, settings, asOf));

const ukraine = parseCaseText(fs.readFileSync(path.join(ROOT, 'data/cases/ukraine-talks-2025-08.json'), 'utf8'));
if (ukraine.ok) {
  const u = ukraine.case;
  bench.run(`default case, ${u.scenarios.length} scenarios: whole analysis, as the app's worker runs it`, { runs: 20, warmup: 3, target: 1000 }, () => analyseRobustness(u, u.scenarios, settings, u.asOf ?? null));
}

console.log('');
bench.print();
console.log(`\n(12×40 case: ${flips} party–issue pairs with a flip point)`);
if (sink === -1) console.log(sink);
console.log(`total ${((performance.now() - totalStart) / 1000).toFixed(1)} s`);
