// Case files the desktop app is handed: chosen in File ▸ Import case…, given on the command line, or
// opened from the file manager (.parley.json). Main only reads the file; the page imports it through
// the api like any other import, so validation, "Replace?" and the error list are the same everywhere.
import fs from 'node:fs/promises';
import path from 'node:path';
import { MAX_CASE_TEXT } from '../../src-core/api.ts';
import type { CaseFileContent } from '../../src-core/api-methods.ts';

export class CaseFileUnreadable extends Error {}

export const CASE_FILE_FILTERS = [
  { name: 'Parley case files', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

const mb = (bytes: number) => Math.ceil(bytes / 2 ** 20);

export async function readCaseFile(file: string): Promise<CaseFileContent> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new CaseFileUnreadable('it is a folder, not a file.');
    if (stat.size > MAX_CASE_TEXT) throw new CaseFileUnreadable(`it is ${mb(stat.size)} MB; a case file is at most ${mb(MAX_CASE_TEXT)} MB. Is it the right file?`);
    // Decoded as a browser reads a chosen file (a UTF-8 byte-order mark is dropped).
    text = new TextDecoder().decode(await fs.readFile(file));
  } catch (err) {
    if (err instanceof CaseFileUnreadable) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CaseFileUnreadable('it does not exist (was it moved or deleted?).');
    if (code === 'EACCES' || code === 'EPERM') throw new CaseFileUnreadable('Parley may not read it: check its permissions.');
    throw new CaseFileUnreadable((err as Error).message);
  }
  return { name: path.basename(file), text };
}
