import path from 'node:path';
import { ApiError } from '../../../src-core/api.ts';
import { DB_HELP, dbOption, expectPositionals, type Command } from '../command.ts';
import { InputError, UsageError } from '../errors.ts';
import { readTextFile, withService } from '../library-access.ts';
import { writeFileAtomic } from './export.ts';

export const positions: Command = {
  name: 'positions',
  summary: "a case's statements as a spreadsheet (CSV), out or back in",
  usage: 'parley positions CASE (--out FILE.csv | --import FILE.csv [--dry-run]) [--db FILE]',
  help: [
    'One row per stated option: party,issue,date,salience,option,stance,utility,source,quote (ids, not names;',
    'utility empty unless overridden; date empty for an undated statement). Rows with the same party, issue and',
    'date form one statement. UTF-8 with or without a byte order mark; commas or (Excel) semicolons.',
    '  --out FILE        write the statements of CASE ("-" for standard output)',
    "  --import FILE     replace CASE's statements with the file's, all or nothing, as one undoable revision;",
    '                    every bad row is reported by its row number (the header is row 1) and column',
    '  --dry-run         with --import: say what would be added, changed and removed, and write nothing',
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption, out: { type: 'string', short: 'o' }, import: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    const caseId = positionals[0]!;
    const out = values.out as string | undefined;
    const from = values.import as string | undefined;
    if ((out === undefined) === (from === undefined)) throw new UsageError(`give exactly one of --out and --import\nusage: ${this.usage}`);
    if (values['dry-run'] && from === undefined) throw new UsageError(`--dry-run goes with --import\nusage: ${this.usage}`);
    return withService(values.db, io, (s) => {
      try {
        if (out !== undefined) {
          const { content } = s.exportPositions({ caseId });
          if (out === '-') io.stdout(content);
          else {
            writeFileAtomic(path.resolve(io.cwd, out), content);
            io.stdout(`wrote ${out}\n`);
          }
          return 0;
        }
        const { text } = readTextFile(from!, io);
        const r = s.importPositions({ caseId, content: text, dryRun: values['dry-run'] === true, fileName: path.basename(from!) });
        const { added, changed, removed } = r.counts;
        const lines = r.changes.filter((c) => c.kind === 'statement').map((c) => `  ${c.change.padEnd(7)} ${c.label}`);
        io.stdout(`${r.dryRun ? 'would import' : 'imported'} ${from}: ${added} added, ${changed} changed, ${removed} removed statements${r.dryRun ? ' (nothing written)' : ''}\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
        return 0;
      } catch (err) {
        if (err instanceof ApiError && (err.code === 'not_found' || err.code === 'invalid_file' || err.code === 'invalid_case')) throw new InputError(err.message);
        throw err;
      }
    });
  },
};
