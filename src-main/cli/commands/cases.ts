import { DB_HELP, dbOption, expectPositionals, oneOf, type Command } from '../command.ts';
import { withService } from '../library-access.ts';
import { renderTable } from '../table.ts';

export const cases: Command = {
  name: 'cases',
  summary: 'list the cases in the library',
  usage: 'parley cases [--format table|json] [--db FILE]',
  help: ['  --format F       table (default) or json', DB_HELP].join('\n'),
  options: { ...dbOption, format: { type: 'string' } },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 0);
    const format = oneOf(this, 'format', values.format, ['table', 'json'] as const, 'table');
    return withService(values.db, io, (s) => {
      const list = s.listCases();
      if (format === 'json') io.stdout(`${JSON.stringify(list, null, 2)}\n`);
      else if (list.length === 0) io.stdout(`the library ${s.path} has no cases; add one with: parley import FILE\n`);
      else {
        io.stdout(
          renderTable(
            ['Case', 'Title', 'Parties', 'Issues', 'Scenarios'],
            list.map((c) => [c.id, c.title, String(c.parties), String(c.issues), String(c.scenarios)]),
            ['left', 'left', 'right', 'right', 'right'],
          ),
        );
      }
      return 0;
    });
  },
};
