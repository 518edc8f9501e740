import { csvText, type CsvValue } from '../../../src-core/csv.ts';
import { describeEntry } from '../../../src-core/incompatible.ts';
import { DATE_PATTERN, type Case, type Scenario } from '../../../src-core/model.ts';
import { parseTerms, scoreReport, type ScoreReport } from '../../../src-core/score-report.ts';
import { DB_HELP, dbOption, expectPositionals, oneOf, type Command } from '../command.ts';
import { InputError, UsageError } from '../errors.ts';
import { loadCase } from '../library-access.ts';
import { renderTable } from '../table.ts';

export const score: Command = {
  name: 'score',
  summary: "score scenarios: each party's match, coverage, red lines and acceptability",
  usage: 'parley score CASE [--scenario ID]... [--terms issue=option,...] [--as-of YYYY-MM-DD] [--format table|json|csv] [--db FILE]',
  help: [
    'CASE is a case id in the library or a path to a case file (scored without importing it).',
    "With neither --scenario nor --terms, every scenario of the case is scored.",
    '  --scenario ID     a scenario of the case (repeatable)',
    '  --terms SPEC      an ad-hoc scenario "adhoc", e.g. donetsk=contact-line,nato=never',
    "  --as-of DATE      positions in force on DATE (default: the case's asOf, else the latest)",
    '  --format F        table (default), json or csv',
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption, scenario: { type: 'string', multiple: true }, terms: { type: 'string' }, 'as-of': { type: 'string' }, format: { type: 'string' } },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    const format = oneOf(this, 'format', values.format, ['table', 'json', 'csv'] as const, 'table');
    const asOfFlag = values['as-of'];
    if (asOfFlag !== undefined && (typeof asOfFlag !== 'string' || !DATE_PATTERN.test(asOfFlag))) {
      throw new UsageError(`--as-of must be a date written YYYY-MM-DD\nusage: ${this.usage}`);
    }
    const c = loadCase(positionals[0]!, values.db, io);
    const scenarios = pickScenarios(c, (values.scenario as string[] | undefined) ?? [], values.terms as string | undefined);
    const report = scoreReport(c, scenarios, (asOfFlag as string | undefined) ?? c.asOf ?? null);
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'csv' ? scoreCsv(report, c) : scoreTable(report, c));
    return 0;
  },
};

function pickScenarios(c: Case, ids: string[], termsSpec: string | undefined): Scenario[] {
  const picked: Scenario[] = [];
  for (const id of ids) {
    const s = c.scenarios.find((x) => x.id === id);
    if (!s) throw new InputError(`no scenario "${id}" in case "${c.id}" (scenarios: ${c.scenarios.map((x) => x.id).join(', ') || 'none'})`);
    picked.push(s);
  }
  if (termsSpec !== undefined) {
    const { terms, errors } = parseTerms(c, termsSpec);
    if (errors.length) throw new InputError(`--terms: ${errors.join('; ')}`);
    picked.push({ id: 'adhoc', name: 'Ad-hoc scenario', terms });
  }
  if (ids.length === 0 && termsSpec === undefined) {
    if (c.scenarios.length === 0) throw new InputError(`case "${c.id}" has no scenarios; pass --terms issue=option,... to score one`);
    return c.scenarios;
  }
  return picked;
}

const pct = (v: number | null) => (v === null ? 'no basis' : `${v.toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : v.toFixed(1));

export function scoreTable(report: ScoreReport, c: Case): string {
  const partyName = new Map(c.parties.map((p) => [p.id, p.name]));
  const reservation = new Map(c.parties.map((p) => [p.id, p.reservation]));
  const out: string[] = [`${c.title}${report.asOf ? ` — positions as of ${report.asOf}` : ''}\n`];
  for (const s of report.scenarios) {
    const termText = Object.entries(s.terms)
      .map(([i, o]) => `${i}=${o}`)
      .join(', ');
    out.push(`\n${s.name} (${s.id})\n  terms: ${termText || 'none (status quo)'}\n`);
    out.push(
      renderTable(
        ['Party', 'Match', 'Reservation', 'Coverage', 'Acceptable', 'Red lines crossed'],
        s.parties.map((p) => [
          partyName.get(p.party) ?? p.party,
          pct(p.match),
          String(reservation.get(p.party) ?? ''),
          `${p.coverage.toFixed(0)}%`,
          p.acceptable ? 'yes' : 'no',
          p.redLines.join(', ') || '—',
        ]),
        ['left', 'right', 'right', 'right', 'left', 'left'],
        '  ',
      ),
    );
    for (const k of s.conflicts) {
      const entry = c.incompatible[k]!;
      out.push(`  inconsistent: holds incompatible entry ${k} (${describeEntry(c, entry)}): ${entry.reason}\n`);
    }
    const a = s.aggregate;
    out.push(`  worst ${num(a.worst)} · mean ${num(a.mean)} · spread ${num(a.spread)} · nash ${num(a.nash)}\n`);
  }
  return out.join('');
}

export function scoreCsv(report: ScoreReport, c: Case): string {
  const names = new Map(c.parties.map((p) => [p.id, p.name]));
  const rows: CsvValue[][] = [['case', 'as_of', 'scenario', 'scenario_name', 'party', 'party_name', 'match', 'coverage', 'acceptable', 'red_lines']];
  for (const s of report.scenarios) {
    for (const p of s.parties) {
      rows.push([report.case, report.asOf, s.id, s.name, p.party, names.get(p.party) ?? p.party, p.match, p.coverage, p.acceptable, p.redLines.join(';')]);
    }
  }
  return csvText(rows);
}
