import { csvText, type CsvValue } from '../../../src-core/csv.ts';
import type { Case } from '../../../src-core/model.ts';
import { parseTerms } from '../../../src-core/score-report.ts';
import { timeline, type Timeline } from '../../../src-core/timeline.ts';
import { DB_HELP, dbOption, expectPositionals, oneOf, type Command } from '../command.ts';
import { InputError, UsageError } from '../errors.ts';
import { loadCase } from '../library-access.ts';
import { renderTable } from '../table.ts';

export const timelineCommand: Command = {
  name: 'timeline',
  summary: "a scenario's match per party on every date a stated position changes",
  usage: 'parley timeline CASE (--scenario ID | --terms issue=option,...) [--format table|json|csv] [--db FILE]',
  help: [
    'Scores the scenario as of every date on which some party\'s position in force changes, oldest first.',
    'CASE is a case id in the library or a path to a case file.',
    '  --scenario ID     a scenario of the case',
    '  --terms SPEC      an ad-hoc scenario "adhoc", e.g. donetsk=contact-line,nato=never',
    '  --format F        table (default), json or csv',
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption, scenario: { type: 'string' }, terms: { type: 'string' }, format: { type: 'string' } },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    const format = oneOf(this, 'format', values.format, ['table', 'json', 'csv'] as const, 'table');
    if ((values.scenario === undefined) === (values.terms === undefined)) throw new UsageError(`give exactly one of --scenario and --terms\nusage: ${this.usage}`);
    const c = loadCase(positionals[0]!, values.db, io);
    let scenario = 'adhoc';
    let terms: Record<string, string>;
    if (values.scenario !== undefined) {
      const s = c.scenarios.find((x) => x.id === values.scenario);
      if (!s) throw new InputError(`no scenario "${String(values.scenario)}" in case "${c.id}" (scenarios: ${c.scenarios.map((x) => x.id).join(', ') || 'none'})`);
      scenario = s.id;
      terms = s.terms;
    } else {
      const parsed = parseTerms(c, values.terms as string);
      if (parsed.errors.length) throw new InputError(`--terms: ${parsed.errors.join('; ')}`);
      terms = parsed.terms;
    }
    const t = timeline(c, terms);
    if (format === 'json') io.stdout(`${JSON.stringify({ case: c.id, scenario, ...t }, null, 2)}\n`);
    else if (format === 'csv') io.stdout(timelineCsv(c, scenario, t));
    else io.stdout(timelineTable(c, scenario, t));
    return 0;
  },
};

function timelineCsv(c: Case, scenario: string, t: Timeline): string {
  const rows: CsvValue[][] = [['case', 'scenario', 'date', 'party', 'match', 'acceptable', 'red_lines']];
  for (const p of t.parties) for (const pt of p.points) rows.push([c.id, scenario, pt.date, p.party, pt.match, pt.acceptable, pt.redLines.join(';')]);
  return csvText(rows);
}

function timelineTable(c: Case, scenario: string, t: Timeline): string {
  const head = `${c.title} — ${scenario === 'adhoc' ? 'ad-hoc scenario' : (c.scenarios.find((s) => s.id === scenario)?.name ?? scenario)}\n`;
  if (t.dates.length === 0) return `${head}no dated statements: the scores do not change over time\n`;
  const cell = (pt: Timeline['parties'][number]['points'][number]) =>
    `${pt.match === null ? 'no basis' : `${pt.match.toFixed(1)}%`}${pt.redLines.length ? ' ✕' : pt.acceptable ? ' ✓' : ''}`;
  const rows = t.dates.map((d, i) => [d, ...t.parties.map((p) => cell(p.points[i]!))]);
  return `${head}${renderTable(['As of', ...c.parties.map((p) => p.name)], rows, ['left', ...c.parties.map(() => 'right' as const)])}✓ acceptable · ✕ crosses a red line\n`;
}
