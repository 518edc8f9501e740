// The `parley` command: one clear line on stderr for any error, never a stack trace; exit 0 ok,
// 1 invalid input or data, 2 usage.
import { ApiError } from '../../src-core/api.ts';
import { parseCommandArgs, type Command, type Io } from './command.ts';
import { cases } from './commands/cases.ts';
import { chart } from './commands/chart.ts';
import { classroom } from './commands/classroom.ts';
import { deleteCommand } from './commands/delete.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { frontier } from './commands/frontier.ts';
import { nearest } from './commands/nearest.ts';
import { positions } from './commands/positions.ts';
import { report } from './commands/report.ts';
import { search } from './commands/search.ts';
import { score } from './commands/score.ts';
import { sensitivity } from './commands/sensitivity.ts';
import { serve } from './commands/serve.ts';
import { timelineCommand } from './commands/timeline.ts';
import { validate } from './commands/validate.ts';
import { InputError, UsageError } from './errors.ts';
import { backupCommand, restoreCommand } from './commands/backup.ts';
import { backUpBeforeMigration, looksLikeFile } from './library-access.ts';

export const COMMANDS: Command[] = [validate, importCommand, exportCommand, cases, deleteCommand, score, timelineCommand, sensitivity, positions, search, frontier, nearest, chart, report, serve, classroom, backupCommand, restoreCommand];

/** Commands whose CASE is a case file or a case id in the library: only an id opens the library. */
const CASE_FILE_OR_ID: readonly Command[] = [score, chart, report, exportCommand, timelineCommand, sensitivity, search, frontier, nearest];

/** Whether the command will open (and so migrate) the library: only then is it backed up before a migration. */
function opensLibrary(cmd: Command, positionals: string[], io: Io): boolean {
  if (!('db' in cmd.options) || cmd === restoreCommand) return false;
  return !(CASE_FILE_OR_ID.includes(cmd) && positionals[0] !== undefined && looksLikeFile(positionals[0], io));
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'parley — explore diplomatic deal scenarios',
    '',
    'usage: parley COMMAND [options]      (parley COMMAND --help for details)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.stdout('parley 0.1.0\n');
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  try {
    if (!cmd) throw new UsageError(`unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
    const { values, positionals } = parseCommandArgs(cmd, rest);
    if (values.help) {
      io.stdout(`usage: ${cmd.usage}\n\n${cmd.summary}.\n${cmd.help}\n`);
      return 0;
    }
    if (opensLibrary(cmd, positionals, io)) await backUpBeforeMigration((values as Record<string, unknown>).db, io);
    return await cmd.run({ values, positionals }, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`parley: ${err.message}\n`);
      return 2;
    }
    if (err instanceof InputError || err instanceof ApiError) {
      io.stderr(`parley: ${err.message}\n`);
      return 1;
    }
    io.stderr(`parley: unexpected error: ${(err as Error).message ?? String(err)}\n`);
    if (io.env.PARLEY_DEBUG) io.stderr(`${(err as Error).stack}\n`);
    return 1;
  }
}

