import fs from 'node:fs';
import path from 'node:path';
import { copyDatabase } from '../../store/backups.ts';
import { LibraryError } from '../../store/library.ts';
import { restoreLibrary } from '../../store/restore.ts';
import { DB_HELP, dbOption, expectPositionals, type Command } from '../command.ts';
import { InputError, UsageError } from '../errors.ts';
import { libraryFile, openService } from '../library-access.ts';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'copy the library into one file, safely while the app is using it',
  usage: 'parley backup --out FILE [--db FILE]',
  help: [
    "Copies the whole library with SQLite's online backup, so the app or `parley serve` may keep working on it.",
    'The copy is written beside FILE and renamed into place: FILE is whole or not written at all.',
    '  --out FILE       where to write (required)',
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption, out: { type: 'string', short: 'o' } },
  async run({ values, positionals }, io) {
    expectPositionals(this, positionals, 0);
    if (typeof values.out !== 'string') throw new UsageError(`--out FILE is required\nusage: ${this.usage}`);
    const out = path.resolve(io.cwd, values.out);
    if (!fs.existsSync(path.dirname(out))) throw new InputError(`cannot write ${values.out}: the folder ${path.dirname(out)} does not exist`);
    const service = openService(values.db, io);
    try {
      if (out === service.path) throw new InputError(`${values.out} is the library itself; choose another file`);
      await copyDatabase(service.db, out);
      io.stdout(`backed up ${cases(service.listCases().length)} from ${service.path} to ${values.out}\n`);
      return 0;
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`cannot write ${values.out}: ${(err as Error).message}`);
    } finally {
      service.close();
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'replace the library with a backup (the current one is backed up first)',
  usage: 'parley restore FILE [--db FILE]',
  help: [
    'FILE must be a Parley library (a `parley backup` copy, or one from the backups/ folder beside the',
    'library) that passes the checks of every open. The current library is first copied into backups/;',
    'then FILE is written into it in one transaction, so an interrupted restore leaves the old library whole.',
    'Close the app and stop `parley serve` first: while another program has the library open, restore refuses.',
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption },
  async run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    const { path: library } = libraryFile(values.db, io);
    try {
      const r = await restoreLibrary(library, path.resolve(io.cwd, positionals[0]!));
      if (r.setAside) io.stdout(`the damaged library was moved to ${r.setAside}\n`);
      if (r.backup) io.stdout(`the library as it was is saved in ${r.backup}\n`);
      io.stdout(`restored ${positionals[0]} (${cases(r.cases)}, schema ${r.schema}) into ${library}\n`);
      return 0;
    } catch (err) {
      if (err instanceof LibraryError) throw new InputError(err.message);
      throw err;
    }
  },
};

const cases = (n: number) => `${n} case${n === 1 ? '' : 's'}`;
