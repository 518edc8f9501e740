// Bundles the `parley` CLI into one ES module so that `npx parley` starts fast on a fresh clone
// (run by npm's `prepare` after `npm install` / `npm ci`). Native and large runtime packages stay external.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src-main/cli/main.ts'],
  outfile: 'out/cli/parley.js',
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
