// Prints the generated 12 parties × 40 issues × 6 options case with 20 scenarios (the benchmark's) as a
// case file, for the end-to-end tests; bundled on the fly because Node 20 cannot run TypeScript.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = await build({
  absWorkingDir: root,
  stdin: {
    contents: "import { serializeCase } from './src-core/case-file.ts'; import { generateCase } from './tests/fixtures/generate-case.ts'; process.stdout.write(serializeCase(generateCase({ parties: 12, issues: 40, options: 6, scenarios: 20, seed: 2025 })));",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
