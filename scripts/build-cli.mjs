// Bundles the `parley` CLI into one ES module so that `npx parley` starts fast on a fresh clone
// (run by npm's `prepare` after `npm install` / `npm ci`). Native and large runtime packages stay external.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  // The CLI and the worker thread that renders exports for `parley serve` (src-main/export/export-thread.ts
  // looks for it beside the CLI).
  entryPoints: { parley: 'src-main/cli/main.ts', 'export-worker': 'src-main/export/export-worker.ts' },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  external: ['better-sqlite3', '@resvg/resvg-js', 'pdfkit', 'svg-to-pdfkit', 'linkedom'],
  banner: {
    js: "import { createRequire as __parleyCreateRequire } from 'node:module'; const require = __parleyCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
