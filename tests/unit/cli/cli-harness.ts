// Runs `parley` in-process through runCli against a real library file in a fresh temp folder per test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import { runCli } from '../../../src-main/cli/main.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The temp folder and library of the current test. */
export const tmp = { dir: '', db: '' };

beforeEach(() => {
  tmp.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-'));
  tmp.db = path.join(tmp.dir, 'library.sqlite');
});
afterEach(() => fs.rmSync(tmp.dir, { recursive: true, force: true }));

export async function cli(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { PARLEY_DB: tmp.db }, cwd: ROOT });
  return { code, stdout, stderr };
}
