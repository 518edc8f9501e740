import type { Case } from '../../../src-core/model.ts';
import { parseTerms } from '../../../src-core/score-report.ts';
import { nearestDeals, type NearestReport } from '../../../src-core/search/index.ts';
import { DB_HELP, dbOption, expectPositionals, oneOf, type Command } from '../command.ts';
import { InputError, UsageError } from '../errors.ts';
import { loadCase } from '../library-access.ts';
import { CONSTRAINT_HELP, constraintOptions, num, parseConstraints, parseTop } from '../search-flags.ts';
import { renderTable } from '../table.ts';
import { guardInput, partyCell, partyHeader, termsLine } from './search.ts';

export const nearest: Command = {
  name: 'nearest',
  summary: 'the fewest changes to a scenario that make it acceptable to every target party (DESIGN §11)',
  usage:
    'parley nearest CASE (--scenario ID | --terms issue=option,...) [--target all|P,...] [--objective O] [--top K] ' +
    '[--lock ISSUE=OPTION]... [--exclude ISSUE=OPTION]... [--no-red-lines all|none|P,...] [--min P=N]... [--as-of YYYY-MM-DD] [--format table|json] [--db FILE]',
  help: [
    'Packages acceptable to every target party that change as few issues of the scenario as possible, fewest',
    "changes first, then by the objective. Here --no-red-lines defaults to none: the targets' red lines count",
    'through acceptability. An addressed issue becomes unaddressed only with --lock ISSUE=none.',
    '  --scenario ID         start from a scenario of the case',
    '  --terms SPEC          or from these terms, e.g. donetsk=contact-line,nato=never',
    '  --target W            all (default) or PARTY,PARTY',
    '  --top K               how many packages (default 3)',
    CONSTRAINT_HELP,
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption, ...constraintOptions, scenario: { type: 'string' }, terms: { type: 'string' }, target: { type: 'string' }, top: { type: 'string' } },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    const format = oneOf(this, 'format', values.format, ['table', 'json'] as const, 'table');
    if ((values.scenario === undefined) === (values.terms === undefined)) throw new UsageError(`give either --scenario ID or --terms issue=option,...\nusage: ${this.usage}`);
    const constraints = parseConstraints(this, values);
    const top = parseTop(this, values.top, 3);
    const targetRaw = values.target === undefined ? 'all' : String(values.target).trim();
    const target = targetRaw === 'all' ? 'all' : targetRaw.split(',').map((s) => s.trim()).filter(Boolean);
    if (target !== 'all' && target.length === 0) throw new UsageError(`--target takes all or a list of party ids\nusage: ${this.usage}`);
    const c = loadCase(positionals[0]!, values.db, io);
    let from: Record<string, string>;
    if (values.scenario !== undefined) {
      const s = c.scenarios.find((x) => x.id === values.scenario);
      if (!s) throw new InputError(`no scenario "${String(values.scenario)}" in case "${c.id}" (scenarios: ${c.scenarios.map((x) => x.id).join(', ') || 'none'})`);
      from = s.terms;
    } else {
      const parsed = parseTerms(c, String(values.terms));
      if (parsed.errors.length) throw new InputError(`--terms: ${parsed.errors.join('; ')}`);
      from = parsed.terms;
    }
    const report = guardInput(() => nearestDeals(c, { ...constraints, from, target, top }, { now: () => performance.now() }));
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : nearestTable(report, c));
    return 0;
  },
};

function nearestTable(r: NearestReport, c: Case): string {
  const targets = r.target === 'all' ? 'every party' : r.target.map((id) => c.parties.find((p) => p.id === id)?.name ?? id).join(', ');
  const out = [`${c.title}${r.asOf ? ` — positions as of ${r.asOf}` : ''}`, `nearest packages acceptable to ${targets} · ranked by ${r.objective} · ${r.elapsedMs.toFixed(0)} ms`, `from: ${termsLine(c, r.from)}`, ''];
  if (r.results.length === 0) {
    out.push('No package is acceptable to the targets under these constraints:', ...(r.why ?? []).map((w) => `  - ${w}`));
    return `${out.join('\n')}\n`;
  }
  out.push(renderTable(['#', 'Changes', 'Value', ...partyHeader(c)], r.results.map((x) => [String(x.rank), String(x.changes.length), num(x.value), ...x.parties.map(partyCell)]), ['right', 'right', 'right', ...c.parties.map(() => 'right' as const)]));
  out.push('Changes:');
  for (const x of r.results) {
    const list = x.changes.map((ch) => `${ch.issue}: ${ch.from ?? '(unaddressed)'} → ${ch.to ?? '(unaddressed)'}`);
    out.push(`  ${x.rank}. ${list.join('; ') || 'none: the scenario is already acceptable'}`);
  }
  return `${out.join('\n')}\n`;
}
