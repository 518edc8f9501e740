import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.ts';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Lines of the help text after the usage line. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: { values: Record<string, unknown>; positionals: string[] }, io: Io): Promise<number> | number;
}

export const dbOption = { db: { type: 'string' } } as const;
export const DB_HELP = '  --db FILE        the case library (default: $PARLEY_DB, else the per-user library)';

export function parseCommandArgs(cmd: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...cmd.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]}\nusage: ${cmd.usage}`);
  }
}

export function expectPositionals(cmd: Command, positionals: string[], count: number): void {
  if (positionals.length !== count) {
    throw new UsageError(`${cmd.name} takes ${count} argument${count === 1 ? '' : 's'}, got ${positionals.length}\nusage: ${cmd.usage}`);
  }
}

export function oneOf<T extends string>(cmd: Command, flag: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}\nusage: ${cmd.usage}`);
}

/** Resolves at Ctrl+C or SIGTERM: how a serving command knows to close its server and library. */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
