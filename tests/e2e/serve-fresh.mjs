// Starts `parley serve` on a new library (seeded with data/cases on first run) in
// test-results/e2e-library/, which is emptied at every start so no run sees another's data.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = path.join(root, 'test-results', 'e2e-library');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const port = process.argv[2] ?? '5199';
const child = spawn(process.execPath, [path.join(root, 'bin', 'parley.js'), 'serve', '--port', port, '--db', path.join(dir, 'library.sqlite')], { stdio: 'inherit' });
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => process.exit(code ?? 0));
