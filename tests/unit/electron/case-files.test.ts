// Reading a case file the desktop app is handed: what the page gets, and what the user is told when it cannot be read.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CASE_TEXT } from '../../../src-core/api.ts';
import { CaseFileUnreadable, readCaseFile } from '../../../src-main/app/case-files.ts';
import { tempDir } from '../store/temp-library.ts';

describe('readCaseFile', () => {
  it('gives the file name and its text, without a byte-order mark (as a browser reads a chosen file)', async () => {
    const file = path.join(tempDir(), 'Talks “2025”.parley.json');
    fs.writeFileSync(file, '\uFEFF{"format":"parley-case"}');
    await expect(readCaseFile(file)).resolves.toEqual({ name: 'Talks “2025”.parley.json', text: '{"format":"parley-case"}' });
  });

  it('says what is wrong with a missing file, a folder and an oversized file', async () => {
    const dir = tempDir();
    await expect(readCaseFile(path.join(dir, 'gone.json'))).rejects.toThrow(new CaseFileUnreadable('it does not exist (was it moved or deleted?).'));
    await expect(readCaseFile(dir)).rejects.toThrow(/folder, not a file/);
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_CASE_TEXT + 1);
    await expect(readCaseFile(big)).rejects.toThrow(/is 21 MB; a case file is at most 20 MB/);
  });
});
