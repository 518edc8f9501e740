// Runs benchmark scripts (tests/bench/<name>.ts) on Node 20, which cannot run TypeScript itself: bundles each
// with esbuild into out/bench/<name>.mjs (packages stay external) and imports that.
//   node tests/bench/run.mjs            → tests/bench/run.ts (engine and store), then search.ts (find deals vs HiGHS),
//                                         then robustness.ts (robustness engine)
//   node tests/bench/run.mjs robustness → tests/bench/robustness.ts only
//   node tests/bench/run.mjs ui         → tests/bench/ui.ts (UI responsiveness in Chromium)
import { build } from 'esbuild';
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const names = process.argv[2] ? [process.argv[2]] : ['run', 'search', 'robustness'];

async function runBench(name) {
  const entry = `tests/bench/${name}.ts`;
  if (!/^[a-z-]+$/.test(name) || !fs.existsSync(`${root}/${entry}`)) {
    process.stderr.write(`no benchmark ${entry}\n`);
    process.exit(2);
  }
  const outfile = `out/bench/${name}.mjs`;
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  await import(pathToFileURL(`${root}/${outfile}`).href);
}

for (const [i, name] of names.entries()) {
  if (i > 0) console.log('');
  await runBench(name);
}
