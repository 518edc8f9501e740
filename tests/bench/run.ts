// Benchmarks of the core and the store (not tests: they print figures and never fail).
// Node 20 cannot run TypeScript itself, so `node tests/bench/run.mjs` bundles this file with esbuild
// into out/bench/run.mjs and runs that; on Node ≥ 22.6, `node --experimental-strip-types tests/bench/run.ts` works too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeCase } from '../../src-core/case-file.ts';
import { compileCase, scoreScenario } from '../../src-core/scoring.ts';
import { ParleyService } from '../../src-main/service.ts';
import { countStances, generateCase } from '../fixtures/generate-case.ts';
import { Bench } from './figures.ts';

// This file and its bundle (out/bench/run.mjs) both sit two folders below the repository root.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CASES_DIR = path.join(ROOT, 'data', 'cases');

const bench = new Bench();

const totalStart = performance.now();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
try {
  console.log(`Parley benchmarks — Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}\n`);

  // 1. Scoring: compile once, then re-score every scenario (what the UI does on every click).
  const scoringCase = generateCase({ parties: 12, issues: 40, options: 6, scenarios: 200, seed: 2025 });
  console.log(`scoring case: ${scoringCase.parties.length} parties × ${scoringCase.issues.length} issues × 6 options, ${scoringCase.positions.length} positions, ${countStances(scoringCase)} stances, ${scoringCase.scenarios.length} scenarios`);
  bench.run('compileCase (12×40×6)', { runs: 100, warmup: 10 }, () => compileCase(scoringCase, scoringCase.asOf));
  const compiled = compileCase(scoringCase, scoringCase.asOf);
  let sink = 0;
  // The live path (UI, chart): match, coverage, red lines, acceptability, aggregates.
  bench.run('scoreScenario × 200 scenarios (live: no contributions)', { runs: 150, warmup: 20, target: 2 }, () => {
    for (const s of scoringCase.scenarios) sink += scoreScenario(compiled, s.terms, { contributions: false }).aggregate.mean ?? 0;
  });
  // The report path (CLI JSON): the same plus every party's per-issue contributions.
  bench.run('scoreScenario × 200 scenarios (with contributions)', { runs: 150, warmup: 20 }, () => {
    for (const s of scoringCase.scenarios) sink += scoreScenario(compiled, s.terms).aggregate.mean ?? 0;
  });
  bench.run('compileCase + scoreScenario × 200', { runs: 50, warmup: 5 }, () => {
    const c = compileCase(scoringCase, scoringCase.asOf);
    for (const s of scoringCase.scenarios) sink += scoreScenario(c, s.terms).aggregate.mean ?? 0;
  });

  // 2. Import and export of a large case.
  const bigCase = generateCase({ parties: 24, issues: 60, options: 8, scenarios: 50, seed: 7, id: 'bench-big' });
  const bigText = serializeCase(bigCase);
  console.log(`import case: ${bigCase.parties.length} parties × ${bigCase.issues.length} issues × 8 options, ${bigCase.positions.length} positions, ${countStances(bigCase)} stances, ${(bigText.length / 1024 / 1024).toFixed(1)} MB of JSON`);
  let fresh = 0;
  const freshLibrary = () => ParleyService.open(path.join(tmp, `import-${fresh++}.sqlite`));
  bench.run(`importCase, ${countStances(bigCase)} stances, fresh library (parse+validate+write)`, { runs: 12, warmup: 2, target: 500, setup: freshLibrary, teardown: (s) => s.close() }, (s) => s.importCase({ content: bigText }));
  bench.run('  of which: repo.insert (write only)', { runs: 12, warmup: 2, setup: freshLibrary, teardown: (s) => s.close() }, (s) => s.repo.insert(bigCase));
  const big = ParleyService.open(path.join(tmp, 'big.sqlite'));
  big.repo.insert(bigCase);
  bench.run('export: serializeCase(repo.get) of that case', { runs: 20 }, () => serializeCase(big.repo.get('bench-big')));
  big.close();

  // 3. Opening: a case from the library, and the library itself.
  const libraryFile = path.join(tmp, 'library.sqlite');
  const library = ParleyService.open(libraryFile, { casesDir: CASES_DIR });
  library.repo.insert(scoringCase);
  bench.run('repo.get (12×40×6 case, 200 scenarios)', { runs: 60, warmup: 5, target: 50 }, () => library.repo.get(scoringCase.id));
  library.close();
  bench.run('ParleyService.open of an existing library (+ close)', { runs: 50, warmup: 5 }, () => ParleyService.open(libraryFile, { casesDir: CASES_DIR }).close());

  console.log('');
  bench.print();
  if (sink === -1) console.log(sink); // keeps the scoring loops from being optimised away
  console.log(`\ntotal ${((performance.now() - totalStart) / 1000).toFixed(1)} s`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
