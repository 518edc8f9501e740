import { DB_HELP, dbOption, expectPositionals, type Command } from '../command.ts';
import { InputError } from '../errors.ts';
import { invalidCaseMessage, readTextFile, withService } from '../library-access.ts';
import { ApiError } from '../../../src-core/api.ts';
import path from 'node:path';

export const importCommand: Command = {
  name: 'import',
  summary: 'add a case file to the library (all or nothing)',
  usage: 'parley import FILE [--replace] [--db FILE]',
  help: [
    'Validates FILE and adds its case to the library in one transaction; an invalid file changes nothing.',
    '  --replace        replace a case with the same id instead of refusing',
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption, replace: { type: 'boolean' } },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    const file = positionals[0]!;
    const { text } = readTextFile(file, io);
    return withService(values.db, io, (s) => {
      try {
        const c = s.importCase({ content: text, replace: values.replace === true, fileName: path.basename(file) });
        io.stdout(`imported case "${c.id}" (${c.title}) into ${s.path}\n`);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'invalid_case') throw new InputError(invalidCaseMessage(file, err.details ?? []));
        if (err instanceof ApiError && err.code === 'conflict') throw new InputError(err.message);
        throw err;
      }
      return 0;
    });
  },
};
