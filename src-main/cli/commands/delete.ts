import { ApiError } from '../../../src-core/api.ts';
import { DB_HELP, dbOption, expectPositionals, type Command } from '../command.ts';
import { InputError } from '../errors.ts';
import { withService } from '../library-access.ts';

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'delete a case from the library (undoable in the app)',
  usage: 'parley delete CASE [--db FILE]',
  help: ['Deletes case CASE. Its history stays in the library: the app can bring it back (Undo, or Restore a deleted case).', DB_HELP].join('\n'),
  options: { ...dbOption },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    return withService(values.db, io, (s) => {
      try {
        const title = s.getCase({ caseId: positionals[0]! }).title;
        s.deleteCase({ caseId: positionals[0]! });
        io.stdout(`deleted case "${positionals[0]}" (${title}); restore it from the app's case menu\n`);
        return 0;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'not_found') throw new InputError(err.message);
        throw err;
      }
    });
  },
};
