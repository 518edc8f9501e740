import path from 'node:path';
import { rendererDir } from '../../paths.ts';
import { backupIfDue } from '../../store/backups.ts';
import { startServer } from '../../server/http-server.ts';
import { DB_HELP, dbOption, untilStopped, expectPositionals, type Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { openService } from '../library-access.ts';

export const serve: Command = {
  name: 'serve',
  summary: 'serve the Parley UI and api to a browser (browser mode)',
  usage: 'parley serve [--port N] [--host H] [--db FILE]',
  help: [
    'Serves the built UI (npm run build) and the JSON api. Stop with Ctrl+C.',
    '  --port N         port to listen on (default 5178; 0 picks a free one)',
    '  --host H         address to bind (default 127.0.0.1; another address shares the library on your network)',
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption, port: { type: 'string' }, host: { type: 'string' } },
  async run({ values, positionals }, io) {
    expectPositionals(this, positionals, 0);
    const port = values.port === undefined ? 5178 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535\nusage: ${this.usage}`);
    const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
    const service = openService(values.db, io);
    // Once a day, a copy of the library (backups/ beside it); a failed copy is reported, not fatal.
    await backupIfDue(service.db, service.path).catch((err: Error) => io.stderr(`parley: warning: the daily backup of the library failed: ${err.message}\n`));
    const running = await startServer({ service, staticDir: rendererDir(), host, port, log: (l) => io.stderr(`${l}\n`) });
    io.stdout(`Parley is serving ${path.basename(service.path)} at ${running.url}\n`);
    if (!host.startsWith('127.') && host !== 'localhost') io.stderr('parley: warning: the server is reachable from other machines; the api has no login\n');
    await untilStopped();
    await running.close();
    service.close();
    return 0;
  },
};
