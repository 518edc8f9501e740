import fs from 'node:fs';
import path from 'node:path';
import { serializeCase } from '../../../src-core/case-file.ts';
import { DB_HELP, dbOption, expectPositionals, type Command } from '../command.ts';
import { InputError, UsageError } from '../errors.ts';
import { loadCase } from '../library-access.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a case from the library as a case file',
  usage: 'parley export CASE --out FILE [--db FILE]',
  help: ['Writes the case file (format v1) of case CASE; "-" as FILE writes to standard output.', '  --out FILE       where to write (required)', DB_HELP].join('\n'),
  options: { ...dbOption, out: { type: 'string', short: 'o' } },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    if (typeof values.out !== 'string') throw new UsageError(`--out FILE is required\nusage: ${this.usage}`);
    const text = serializeCase(loadCase(positionals[0]!, values.db, io));
    if (values.out === '-') {
      io.stdout(text);
      return 0;
    }
    writeFileAtomic(path.resolve(io.cwd, values.out), text);
    io.stdout(`wrote ${values.out}\n`);
    return 0;
  },
};

/** Writes beside the target and renames, so an interrupted export never leaves half a file. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) throw new InputError(`cannot write ${file}: the folder ${dir} does not exist`);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new InputError(`cannot write ${file}: ${(err as Error).message}`);
  }
}
