import { csvText, type CsvValue } from '../../../src-core/csv.ts';
import type { Case, Scenario } from '../../../src-core/model.ts';
import { analyseRobustness, type SensitivityReport } from '../../../src-core/robustness/sensitivity.ts';
import { flipSentence, namesOf, percent } from '../../../src-core/robustness/sentences.ts';
import { DB_HELP, dbOption, expectPositionals, oneOf, type Command } from '../command.ts';
import { InputError } from '../errors.ts';
import { loadCase } from '../library-access.ts';
import { checkObjectiveFits, ROBUSTNESS_HELP, ROBUSTNESS_USAGE, robustnessFlags, robustnessOptions } from '../robustness-flags.ts';
import { renderTable } from '../table.ts';
import { asOfOption, asOfOrDefault } from './chart.ts';

export const sensitivity: Command = {
  name: 'sensitivity',
  summary: 'how robust the scores and the ranking are to the judgement calls: sampled ranges and exact flip points',
  usage: `parley sensitivity CASE [--scenario ID]... ${ROBUSTNESS_USAGE} [--as-of YYYY-MM-DD] [--format table|json|csv] [--db FILE]`,
  help: [
    'CASE is a case id in the library or a path to a case file. Each sample perturbs every position in force:',
    'its salience moves by a random whole number in [−J, J] (kept within 1–5) and each stated stance moves one',
    'step along demand–acceptable–neutral–oppose–red_line with probability F (up or down alike); utility',
    'overrides stay. Per scenario: how often it is acceptable to each party and to all, how often it ranks',
    'first (ties share), and the 5th, 50th and 95th percentiles of each match. Flip points (exact): for each',
    'party and issue, the smallest change of that one salience that changes which scenario ranks first.',
    "  --scenario ID       a scenario to compare (repeatable; default: all of the case's, in case order)",
    ROBUSTNESS_HELP,
    "  --as-of DATE        positions in force on DATE (default: the case's asOf, else the latest)",
    '  --format F          table (default), json or csv',
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption, ...robustnessOptions, scenario: { type: 'string', multiple: true }, 'as-of': { type: 'string' }, format: { type: 'string' } },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    const format = oneOf(this, 'format', values.format, ['table', 'json', 'csv'] as const, 'table');
    const settings = robustnessFlags(this, values);
    const asOfFlag = asOfOption(this, values['as-of']);
    const c = loadCase(positionals[0]!, values.db, io);
    checkObjectiveFits(c, settings);
    const scenarios = pickScenarios(c, (values.scenario as string[] | undefined) ?? []);
    const { report } = analyseRobustness(c, scenarios, settings, asOfOrDefault(c, asOfFlag));
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'csv' ? sensitivityCsv(report, c, scenarios) : sensitivityTable(report, c, scenarios));
    return 0;
  },
};

function pickScenarios(c: Case, ids: readonly string[]): Scenario[] {
  if (ids.length === 0) {
    if (c.scenarios.length === 0) throw new InputError(`case "${c.id}" has no scenarios to compare`);
    return c.scenarios;
  }
  return ids.map((id, i) => {
    const s = c.scenarios.find((x) => x.id === id);
    if (!s) throw new InputError(`no scenario "${id}" in case "${c.id}" (scenarios: ${c.scenarios.map((x) => x.id).join(', ') || 'none'})`);
    if (ids.indexOf(id) !== i) throw new InputError(`scenario "${id}" is given twice`);
    return s;
  });
}

const num = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/** How the objective ranks, in words. */
export function objectiveWords(objective: string, c: Case): string {
  if (objective === 'maximin') return 'maximin (the worst match over the parties)';
  if (objective === 'mean') return 'mean match over the parties';
  if (objective === 'nash') return 'Nash product';
  const id = objective.slice('party:'.length);
  return `${c.parties.find((p) => p.id === id)?.name ?? id}’s match`;
}

export function sensitivityTable(report: SensitivityReport, c: Case, scenarios: readonly Scenario[]): string {
  const names = namesOf(c, scenarios);
  const out: string[] = [`${c.title}${report.asOf ? ` — positions as of ${report.asOf}` : ''}\n`];
  out.push(
    `${report.samples} samples, seed ${report.seed}: saliences ±${report.salienceJitter}, each stance moves one step with probability ${report.stanceFlip}\n`,
    `Ranked by ${objectiveWords(report.objective, c)}; first as coded: ${report.best === null ? '—' : names.scenario(report.best)}\n\n`,
  );
  out.push(
    renderTable(
      ['Scenario', 'Ranks first', 'Acceptable to all'],
      report.scenarios.map((s) => [s.name, percent(s.pBest), percent(s.pAllAcceptable)]),
      ['left', 'right', 'right'],
    ),
  );
  for (const s of report.scenarios) {
    out.push(`\n${s.name} (${s.id})\n`);
    out.push(
      renderTable(
        ['Party', 'Acceptable', 'p5', 'p50', 'p95'],
        s.parties.map((p) => [names.party(p.party), percent(p.pAcceptable), num(p.p5), num(p.p50), num(p.p95)]),
        ['left', 'right', 'right', 'right', 'right'],
        '  ',
      ),
    );
  }
  out.push('\nFlip points (the smallest change of one salience that changes which scenario ranks first):\n');
  if (report.flips.length === 0) out.push('  none: no single salience change alters which scenario ranks first\n');
  for (const f of report.flips) out.push(`  ${flipSentence(f, names)}\n`);
  return out.join('');
}

export function sensitivityCsv(report: SensitivityReport, c: Case, scenarios: readonly Scenario[]): string {
  const names = namesOf(c, scenarios);
  const settings = [report.case, report.asOf, report.objective, report.samples, report.seed, report.salienceJitter, report.stanceFlip];
  const rows: CsvValue[][] = [
    ['record', 'case', 'as_of', 'objective', 'samples', 'seed', 'salience_jitter', 'stance_flip', 'scenario', 'scenario_name', 'p_best', 'p_all_acceptable', 'party', 'party_name', 'p_acceptable', 'p5', 'p50', 'p95', 'issue', 'issue_name', 'salience', 'to', 'best'],
  ];
  for (const s of report.scenarios) {
    for (const p of s.parties) rows.push(['party', ...settings, s.id, s.name, s.pBest, s.pAllAcceptable, p.party, names.party(p.party), p.pAcceptable, p.p5, p.p50, p.p95, null, null, null, null, null]);
  }
  for (const f of report.flips) rows.push(['flip', ...settings, null, null, null, null, f.party, names.party(f.party), null, null, null, null, f.issue, names.issue(f.issue), f.salience, f.to, f.best]);
  return csvText(rows);
}
