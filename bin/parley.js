#!/usr/bin/env node
// Entry of the `parley` command. The CLI is bundled into out/cli/parley.js by `npm install` (prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../out/cli/parley.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('parley: the CLI is not built yet; run `npm install` (or `npm run build`) in the Parley folder first\n');
  process.exit(1);
}
const { runCli } = await import(bundle.href);
const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env, cwd: process.cwd() };
process.exitCode = await runCli(process.argv.slice(2), io);
