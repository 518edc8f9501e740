// Runs the benchmarks of tests/bench/run.ts on Node 20, which cannot run TypeScript itself:
// bundles it with esbuild into out/bench/run.mjs (packages stay external) and imports that.
//   node tests/bench/run.mjs
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outfile = 'out/bench/run.mjs';

await build({
  absWorkingDir: root,
  entryPoints: ['tests/bench/run.ts'],
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
