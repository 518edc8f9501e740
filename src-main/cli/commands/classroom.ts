import os from 'node:os';
import { MAX_ROUNDS } from '../../../src-core/classroom/model.ts';
import { Classroom, type Opened } from '../../classroom/classroom.ts';
import { CLASSROOM_PATH, startClassroomServer } from '../../classroom/server.ts';
import { rendererDir } from '../../paths.ts';
import { DB_HELP, dbOption, untilStopped, type Command } from '../command.ts';
import { InputError, UsageError } from '../errors.ts';
import { loadCase, openService } from '../library-access.ts';

export const classroom: Command = {
  name: 'classroom',
  summary: 'run a negotiation simulation for a class: roles, private briefs, rounds, a debrief',
  usage: 'parley classroom CASE [--host H] [--port N] [--roles P,…] [--rounds N] [--resume ID] [--db FILE]',
  help: [
    'Creates a simulation of CASE (a case file or a case id in the library; frozen now) and serves it until',
    'Ctrl+C. Prints "simulation ID", "facilitator URL#token=TOKEN" and one "role PARTY CODE" per role: hand',
    'each team its code; students open the server address in a browser and type it. Keep the token secret.',
    '  --host H         address to bind (default 127.0.0.1; 0.0.0.0 serves the classroom network)',
    '  --port N         port to listen on (default 5180; 0 picks a free one)',
    '  --roles P,…      the parties played, at least two (default: every party of the case)',
    `  --rounds N       number of rounds, 1 to ${MAX_ROUNDS} (default 3)`,
    '  --resume ID      continue simulation ID where it was, with the same join codes (CASE may be left out)',
    DB_HELP,
  ].join('\n'),
  options: { ...dbOption, host: { type: 'string' }, port: { type: 'string' }, roles: { type: 'string' }, rounds: { type: 'string' }, resume: { type: 'string' } },
  async run({ values, positionals }, io) {
    const resume = typeof values.resume === 'string' ? values.resume : undefined;
    if (positionals.length > 1 || (positionals.length === 0 && !resume)) throw new UsageError(`classroom takes a CASE (or --resume ID)\nusage: ${this.usage}`);
    if (resume && (values.roles !== undefined || values.rounds !== undefined)) throw new UsageError(`--roles and --rounds are fixed when a simulation is created; --resume keeps them\nusage: ${this.usage}`);
    const port = values.port === undefined ? 5180 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535\nusage: ${this.usage}`);
    const rounds = values.rounds === undefined ? undefined : Number(values.rounds);
    if (rounds !== undefined && (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_ROUNDS)) throw new UsageError(`--rounds must be a whole number from 1 to ${MAX_ROUNDS}\nusage: ${this.usage}`);
    const roles = typeof values.roles === 'string' ? values.roles.split(',').map((r) => r.trim()).filter(Boolean) : undefined;
    const host = typeof values.host === 'string' ? values.host : '127.0.0.1';

    const c = positionals[0] === undefined ? undefined : loadCase(positionals[0], values.db, io);
    const service = openService(values.db, io);
    const room = new Classroom(service.db);
    let opened: Opened;
    try {
      opened = resume ? room.resume(resume) : room.create(c!, { ...(roles && { roles }), ...(rounds !== undefined && { rounds }) });
      if (resume && c && c.id !== opened.simulation.case.id) throw new InputError(`simulation ${resume} plays case "${opened.simulation.case.id}", not "${c.id}": leave CASE out or give that case`);
    } catch (err) {
      service.close();
      throw err;
    }
    const running = await startClassroomServer({ classroom: room, simulationId: opened.simulation.id, staticDir: rendererDir(), host, port, log: (l) => io.stderr(`${l}\n`) });
    const url = new URL(running.url);
    const anyAddress = host === '0.0.0.0' || host === '::';
    // Bound to every address, the facilitator's own machine reaches it on loopback.
    if (anyAddress) url.hostname = '127.0.0.1';
    io.stdout(`simulation ${opened.simulation.id}\n`);
    io.stdout(`facilitator ${url.origin}${CLASSROOM_PATH}#token=${opened.facilitatorToken}\n`);
    for (const r of opened.simulation.roles) io.stdout(`role ${r.party} ${opened.joinCodes[r.party]}\n`);
    const lan = anyAddress ? lanAddresses().map((a) => `http://${a}:${url.port}/`) : [];
    io.stderr(`parley: students open ${lan.length ? lan.join(' or ') : running.url} and type their role's code; stop with Ctrl+C, continue later with --resume ${opened.simulation.id}\n`);
    await untilStopped();
    await running.close();
    await room.close();
    service.close();
    return 0;
  },
};

/** This machine's IPv4 addresses on its networks, for the students' link. */
function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}
