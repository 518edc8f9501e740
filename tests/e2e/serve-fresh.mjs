// Starts `parley serve` on a new, empty library in a temp folder (seeded with data/cases on first run).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-'));
const port = process.argv[2] ?? '5199';
const child = spawn(process.execPath, [path.join(root, 'bin', 'parley.js'), 'serve', '--port', port, '--db', path.join(dir, 'library.sqlite')], { stdio: 'inherit' });
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => {
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
