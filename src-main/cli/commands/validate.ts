import { expectPositionals, type Command } from '../command.ts';
import { plural } from '../../../src-core/words.ts';
import { readCaseFile } from '../library-access.ts';

export const validate: Command = {
  name: 'validate',
  summary: 'check a case file and list every problem with its JSON path',
  usage: 'parley validate FILE',
  help: 'Exits 0 when FILE is a valid case file (format v1), 1 with every error otherwise. Changes nothing.',
  options: {},
  run({ positionals }, io) {
    expectPositionals(this, positionals, 1);
    const c = readCaseFile(positionals[0]!, io);
    io.stdout(`${positionals[0]}: valid case "${c.id}" — ${plural(c.parties.length, 'party', 'parties')}, ${plural(c.issues.length, 'issue')}, ${plural(c.positions.length, 'position')}, ${plural(c.scenarios.length, 'scenario')}\n`);
    return 0;
  },
};
