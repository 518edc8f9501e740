import type { Case } from '../../../src-core/model.ts';
import { SearchInputError, searchDeals, type SearchReport } from '../../../src-core/search/index.ts';
import { DB_HELP, dbOption, expectPositionals, oneOf, type Command } from '../command.ts';
import { InputError, UsageError } from '../errors.ts';
import { loadCase } from '../library-access.ts';
import { CONSTRAINT_HELP, constraintOptions, num, parseConstraints, parseTop } from '../search-flags.ts';
import { renderTable } from '../table.ts';

export const search: Command = {
  name: 'search',
  summary: 'find the best packages of terms under constraints, exactly (DESIGN §11)',
  usage:
    'parley search CASE [--lock ISSUE=OPTION]... [--exclude ISSUE=OPTION]... [--no-red-lines all|none|P,...] [--acceptable-to all|P,...] ' +
    '[--min P=N]... [--objective maximin|mean|nash|party:P] [--top K] [--as-of YYYY-MM-DD] [--time-limit S] [--format table|json] [--db FILE]',
  help: [
    'CASE is a case id in the library or a path to a case file. A package sets one option on every issue;',
    "by default no party's red line is crossed and packages are ranked by their worst match.",
    CONSTRAINT_HELP,
    '  --top K               how many packages (default 10)',
    '  --time-limit S        stop after S seconds with the best found (exact: false, with an upper bound)',
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption, ...constraintOptions, top: { type: 'string' }, 'time-limit': { type: 'string' } },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    const format = oneOf(this, 'format', values.format, ['table', 'json'] as const, 'table');
    const constraints = parseConstraints(this, values);
    const top = parseTop(this, values.top, 10);
    let timeLimitMs: number | undefined;
    if (values['time-limit'] !== undefined) {
      const s = Number(values['time-limit']);
      if (!Number.isFinite(s) || s <= 0) throw new UsageError(`--time-limit takes a number of seconds above 0\nusage: ${this.usage}`);
      timeLimitMs = s * 1000;
    }
    const c = loadCase(positionals[0]!, values.db, io);
    const report = guardInput(() => searchDeals(c, { ...constraints, top, ...(timeLimitMs !== undefined && { timeLimitMs }) }, { now: () => performance.now() }));
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : searchTable(report, c));
    return 0;
  },
};

/** The core's complaints about ids are the user's data errors: exit 1 with its message. */
export function guardInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SearchInputError) throw new InputError(err.message);
    throw err;
  }
}

export function termsLine(c: Case, terms: Record<string, string>): string {
  return c.issues.map((i) => (terms[i.id] === undefined ? `${i.id}: (unaddressed)` : `${i.id}=${terms[i.id]}`)).join(', ');
}

export function partyHeader(c: Case): string[] {
  return c.parties.map((p) => p.name);
}

/** A party's cell: its match, ✓ when the package is acceptable to it, ✕n for red lines crossed. */
export function partyCell(p: { match: number | null; acceptable: boolean; redLines: string[] }): string {
  return `${p.match === null ? 'no basis' : p.match.toFixed(1)}${p.acceptable ? ' ✓' : ''}${p.redLines.length ? ` ✕${p.redLines.length}` : ''}`;
}

function searchTable(r: SearchReport, c: Case): string {
  const out = [
    `${c.title}${r.asOf ? ` — positions as of ${r.asOf}` : ''}`,
    `objective ${r.objective} · ${r.exact ? 'exact' : `cut by the time limit: best value at most ${num(r.bound)}`} · ${r.space.toLocaleString('en')} packages in the space · ${r.elapsedMs.toFixed(0)} ms`,
    '',
  ];
  if (r.results.length === 0) {
    out.push('No package meets the constraints:', ...(r.why ?? []).map((w) => `  - ${w}`));
    return `${out.join('\n')}\n`;
  }
  out.push(renderTable(['#', 'Value', ...partyHeader(c)], r.results.map((x) => [String(x.rank), num(x.value), ...x.parties.map(partyCell)]), ['right', 'right', ...c.parties.map(() => 'right' as const)]));
  out.push('✓ acceptable to that party · ✕n red lines of that party crossed', '', 'Terms:');
  for (const x of r.results) out.push(`  ${x.rank}. ${termsLine(c, x.terms)}`);
  return `${out.join('\n')}\n`;
}
