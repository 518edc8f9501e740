// The constraint flags shared by `parley search`, `frontier` and `nearest` (DESIGN.md §11), parsed into the
// core's Constraints. Malformed flags are usage errors (exit 2); ids the case does not have are data errors
// (exit 1, from the core's SearchInputError).
import { DATE_PATTERN } from '../../src-core/model.ts';
import type { Constraints, Objective } from '../../src-core/search/index.ts';
import type { Command } from './command.ts';
import { UsageError } from './errors.ts';

export const constraintOptions = {
  lock: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'no-red-lines': { type: 'string' },
  'acceptable-to': { type: 'string' },
  min: { type: 'string', multiple: true },
  objective: { type: 'string' },
  'as-of': { type: 'string' },
  format: { type: 'string' },
} as const;

export const CONSTRAINT_HELP = [
  '  --lock ISSUE=OPTION   fix an issue (repeatable or comma-separated); ISSUE=none leaves it unaddressed',
  '  --exclude ISSUE=OPTION  remove an option (repeatable or comma-separated)',
  '  --no-red-lines W      whose red lines may not be crossed: all, none or PARTY,PARTY',
  '  --acceptable-to W     parties the package must be acceptable to: all or PARTY,PARTY (default: none)',
  '  --min PARTY=N         a party must match at least N (repeatable or comma-separated)',
  '  --objective O         maximin (default: the worst match), mean, nash or party:PARTY',
  "  --as-of DATE          positions in force on DATE (default: the case's asOf, else the latest)",
  '  --format F            table (default) or json',
].join('\n');

type Values = Record<string, unknown>;

const usage = (cmd: Command, message: string) => new UsageError(`${message}\nusage: ${cmd.usage}`);

function pairs(cmd: Command, flag: string, raw: unknown): [string, string][] {
  const items = ((raw as string[] | undefined) ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  return items.map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0 || eq === item.length - 1) throw usage(cmd, `--${flag} takes KEY=VALUE, got "${item}"`);
    return [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
  });
}

function partySet(cmd: Command, flag: string, raw: unknown, allowNone: boolean): 'all' | 'none' | string[] | undefined {
  if (raw === undefined) return undefined;
  const v = String(raw).trim();
  if (v === 'all' || (allowNone && v === 'none')) return v;
  const ids = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw usage(cmd, `--${flag} takes ${allowNone ? 'all, none' : 'all'} or a list of party ids`);
  return ids;
}

export function parseConstraints(cmd: Command, values: Values): Constraints & { objective?: Objective; asOf?: string | null } {
  const lock: Record<string, string | null> = {};
  for (const [issue, option] of pairs(cmd, 'lock', values.lock)) {
    if (issue in lock) throw usage(cmd, `--lock names issue "${issue}" twice`);
    lock[issue] = option === 'none' ? null : option;
  }
  const exclude: Record<string, string[]> = {};
  for (const [issue, option] of pairs(cmd, 'exclude', values.exclude)) (exclude[issue] ??= []).push(option);
  const min: Record<string, number> = {};
  for (const [party, n] of pairs(cmd, 'min', values.min)) {
    const v = Number(n);
    if (!Number.isFinite(v) || v < 0 || v > 100) throw usage(cmd, `--min ${party}=${n}: the minimum is a number from 0 to 100`);
    min[party] = v;
  }
  const asOf = values['as-of'];
  if (asOf !== undefined && !DATE_PATTERN.test(String(asOf))) throw usage(cmd, '--as-of must be a date written YYYY-MM-DD');
  const noRedLines = partySet(cmd, 'no-red-lines', values['no-red-lines'], true);
  const acceptableTo = partySet(cmd, 'acceptable-to', values['acceptable-to'], false) as 'all' | string[] | undefined;
  return {
    ...(Object.keys(lock).length > 0 && { lock }),
    ...(Object.keys(exclude).length > 0 && { exclude }),
    ...(Object.keys(min).length > 0 && { min }),
    ...(noRedLines !== undefined && { noRedLines }),
    ...(acceptableTo !== undefined && { acceptableTo }),
    ...(values.objective !== undefined && { objective: String(values.objective) as Objective }),
    ...(asOf !== undefined && { asOf: String(asOf) }),
  };
}

export function parseTop(cmd: Command, raw: unknown, fallback: number): number {
  if (raw === undefined) return fallback;
  const k = Number(raw);
  if (!Number.isInteger(k) || k < 1) throw usage(cmd, `--top must be a whole number of at least 1, got "${String(raw)}"`);
  return k;
}

export const num = (v: number | null) => (v === null ? '—' : v.toFixed(1));
