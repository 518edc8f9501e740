import path from 'node:path';
import { compareScenarios, reportFile } from '../../export/export-files.ts';
import { DB_HELP, dbOption, expectPositionals, type Command } from '../command.ts';
import { loadCase } from '../library-access.ts';
import { checkObjectiveFits, ROBUSTNESS_HELP, ROBUSTNESS_USAGE, robustnessFlags, robustnessOptions } from '../robustness-flags.ts';
import { asOfOption, asOfOrDefault, dateOption, formatOf, requireOut } from './chart.ts';
import { writeFileAtomic } from './export.ts';

export const report: Command = {
  name: 'report',
  summary: 'write a PDF report comparing scenarios: charts, terms, breakdowns and sources',
  usage: `parley report CASE [--scenario ID]... --out FILE.pdf [--as-of YYYY-MM-DD] [--date YYYY-MM-DD] ${ROBUSTNESS_USAGE} [--db FILE]`,
  help: [
    'CASE is a case id in the library or a path to a case file. The report has a title page, the heatmap and',
    "grouped bars, each scenario's terms and breakdown, how robust the results are (with the settings and seed",
    'that reproduce them), and the cited sources with their quotes.',
    "  --scenario ID     a scenario to compare (repeatable, up to 20; default: all of the case's)",
    '  --out FILE.pdf    where to write (required); written whole or not at all',
    "  --as-of DATE      positions in force on DATE (default: the case's asOf, else the latest)",
    "  --date DATE       the date printed on the report (default: the case's asOf); the same inputs always",
    '                    give the same file (set SOURCE_DATE_EPOCH to stamp a creation date in the PDF)',
    'the robustness pages (see parley sensitivity --help):',
    ROBUSTNESS_HELP,
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption, ...robustnessOptions, scenario: { type: 'string', multiple: true }, out: { type: 'string', short: 'o' }, 'as-of': { type: 'string' }, date: { type: 'string' } },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    const out = requireOut(this, values.out);
    formatOf(this, out, ['pdf'] as const);
    const asOf = asOfOption(this, values['as-of']);
    const date = dateOption(this, 'date', values.date);
    const robustness = robustnessFlags(this, values);
    const c = loadCase(positionals[0]!, values.db, io);
    checkObjectiveFits(c, robustness);
    const file = reportFile(c, compareScenarios(c, (values.scenario as string[] | undefined) ?? []), asOfOrDefault(c, asOf), { robustness, ...(date !== undefined && { date }) });
    writeFileAtomic(path.resolve(io.cwd, out), file.data);
    io.stdout(`wrote ${out}\n`);
    return 0;
  },
};
