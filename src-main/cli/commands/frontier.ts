import type { Case } from '../../../src-core/model.ts';
import { dealFrontier, type FrontierReport } from '../../../src-core/search/index.ts';
import { DB_HELP, dbOption, expectPositionals, oneOf, type Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { loadCase } from '../library-access.ts';
import { CONSTRAINT_HELP, constraintOptions, parseConstraints } from '../search-flags.ts';
import { renderTable } from '../table.ts';
import { guardInput, termsLine } from './search.ts';

export const frontier: Command = {
  name: 'frontier',
  summary: "the exact trade-off between two parties: every package no other beats for both (DESIGN §11)",
  usage:
    'parley frontier CASE --parties A,B [--lock ISSUE=OPTION]... [--exclude ISSUE=OPTION]... [--no-red-lines all|none|P,...] ' +
    '[--acceptable-to all|P,...] [--min P=N]... [--objective O] [--as-of YYYY-MM-DD] [--format table|json] [--db FILE]',
  help: [
    'Every non-dominated pair of matches (A, B) over the packages that meet the constraints, ascending in A,',
    'each with the first package that reaches it in the order of the objective.',
    '  --parties A,B         the two parties (required)',
    CONSTRAINT_HELP,
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption, ...constraintOptions, parties: { type: 'string' } },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    const format = oneOf(this, 'format', values.format, ['table', 'json'] as const, 'table');
    const parties = String(values.parties ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (parties.length !== 2) throw new UsageError(`--parties takes two party ids, e.g. --parties russia,ukraine\nusage: ${this.usage}`);
    const constraints = parseConstraints(this, values);
    const c = loadCase(positionals[0]!, values.db, io);
    const report = guardInput(() => dealFrontier(c, { ...constraints, parties: parties as [string, string] }, { now: () => performance.now() }));
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : frontierTable(report, c));
    return 0;
  },
};

function frontierTable(r: FrontierReport, c: Case): string {
  const name = (id: string) => c.parties.find((p) => p.id === id)?.name ?? id;
  const out = [`${c.title}${r.asOf ? ` — positions as of ${r.asOf}` : ''}`, `frontier of ${name(r.parties[0])} and ${name(r.parties[1])} · ${r.points.length} points · representative by ${r.objective} · ${r.elapsedMs.toFixed(0)} ms`, ''];
  if (r.points.length === 0) {
    out.push('No package meets the constraints:', ...(r.why ?? []).map((w) => `  - ${w}`));
    return `${out.join('\n')}\n`;
  }
  out.push(renderTable(['#', name(r.parties[0]), name(r.parties[1])], r.points.map((p, i) => [String(i + 1), p.match[0].toFixed(1), p.match[1].toFixed(1)]), ['right', 'right', 'right']));
  out.push('Terms:');
  r.points.forEach((p, i) => out.push(`  ${i + 1}. ${termsLine(c, p.terms)}`));
  return `${out.join('\n')}\n`;
}
