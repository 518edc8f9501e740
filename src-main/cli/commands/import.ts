import { DB_HELP, dbOption, expectPositionals, type Command } from '../command.ts';
import { InputError } from '../errors.ts';
import { readCaseFile, withService } from '../library-access.ts';
import { ConflictError } from '../../store/case-repository.ts';

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
    const c = readCaseFile(positionals[0]!, io);
    return withService(values.db, io, (s) => {
      try {
        s.repo.insert(c, { replace: values.replace === true });
      } catch (err) {
        if (err instanceof ConflictError) throw new InputError(err.message);
        throw err;
      }
      io.stdout(`imported case "${c.id}" (${c.title}) into ${s.path}\n`);
      return 0;
    });
  },
};
