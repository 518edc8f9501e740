// Crash safety: real `parley` processes are killed with SIGKILL at random moments while they write —
// the CLI importing cases, importing a spreadsheet of statements, deleting a case and restoring a backup,
// `parley serve` importing cases, saving scenarios and editing a case over HTTP, and first runs creating,
// migrating and seeding a library. After every kill the library must
// pass PRAGMA integrity_check, open, and hold every case whole: each one absent or equal to a version
// that was written (all or nothing), each saved scenario absent or equal to a version that was saved.
//
// The randomness is seeded and the seed printed; replay a run with PARLEY_CRASH_SEED=<seed>.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseCaseText, serializeCase } from '../../../src-core/case-file.ts';
import type { Case, Scenario } from '../../../src-core/model.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { listBackups } from '../../../src-main/store/backups.ts';
import { generateCase, seededRandom } from '../../fixtures/generate-case.ts';
import { apiCall, startParley, startServe, type Finished } from '../parley-process.ts';
import { CrashEdits, DELTA, GAMMA } from './crash-edits.ts';
import { CASES_DIR, exportAll, shippedCases } from './temp-library.ts';

const SEED = Number(process.env.PARLEY_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const rnd = seededRandom(SEED);
const uniform = (lo: number, hi: number) => lo + rnd() * (hi - lo);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const FIRST_RUN_KILLS = 6;
const CLI_KILLS = 16;
const SERVE_KILLS = 20;
const RESTORE_KILLS = 6;
const POSITIONS_KILLS = 12;
const DELETE_KILLS = 6;
const UKRAINE = 'ukraine-talks-2025-08';

let dir: string;
const shipped = shippedCases();
const ukraine = shipped.find((c) => c.parsed.id === UKRAINE)!.parsed;

/** Every version of every case that any process may have written: serialized case files by case id. */
const written = new Map<string, Set<string>>(shipped.map((c) => [c.parsed.id, new Set([serializeCase(c.parsed)])]));
const caseFiles: { id: string; file: string; text: string }[] = [];
/** The scenarios saved into the shipped case, by id: every version sent. */
const savedScenarios = new Map<string, Scenario[]>();
/** Only `parley delete` of DELTA deletes: any other case or saved scenario once seen in a library must stay there. */
const seen = new Map<string, Set<string>>();
let edits: CrashEdits;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-crash-'));
  // Two case ids, three versions each, large enough that writing one takes a while.
  for (const id of ['crash-alpha', 'crash-beta']) {
    for (let v = 0; v < 3; v++) {
      const c = generateCase({ parties: 8, issues: 24, options: 6, scenarios: 12, seed: SEED + v * 7 + id.length, id });
      const text = serializeCase({ ...c, title: `${id} version ${v}` });
      const file = path.join(dir, `${id}-v${v}.json`);
      fs.writeFileSync(file, text);
      caseFiles.push({ id, file, text });
      const set = written.get(id) ?? new Set<string>();
      set.add(serializeCase(parseOrThrow(text)));
      written.set(id, set);
    }
  }
  for (let s = 0; s < 3; s++) {
    const versions = Array.from({ length: 3 }, (_, v): Scenario => ({
      id: `crash-scenario-${s}`,
      name: `Crash scenario ${s}, version ${v}`,
      terms: Object.fromEntries(ukraine.issues.filter(() => rnd() < 0.7).map((i) => [i.id, pick(i.options).id])),
    }));
    savedScenarios.set(`crash-scenario-${s}`, versions);
  }
  edits = new CrashEdits(dir, SEED, rnd);
  written.set(DELTA, new Set([edits.deltaText]));
  console.log(`crash-safety: seed ${SEED} (replay with PARLEY_CRASH_SEED=${SEED})`);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function parseOrThrow(text: string): Case {
  const r = parseCaseText(text);
  if (!r.ok) throw new Error(`not a valid case: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return r.case;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Frames after the last commit in a -wal file: a transaction a killed process had begun writing.
 * Read before anything opens the library again (opening recovers, and the last close checkpoints).
 */
function uncommittedFrames(wal: string): number {
  if (!fs.existsSync(wal)) return 0;
  const b = fs.readFileSync(wal);
  if (b.length < 32) return 0;
  const pageSize = b.readUInt32BE(8);
  const salt = [b.readUInt32BE(16), b.readUInt32BE(20)];
  let sinceCommit = 0;
  for (let at = 32; at + 24 + pageSize <= b.length; at += 24 + pageSize) {
    if (b.readUInt32BE(at + 8) !== salt[0] || b.readUInt32BE(at + 12) !== salt[1]) break;
    sinceCommit = b.readUInt32BE(at + 4) !== 0 ? 0 : sinceCommit + 1;
  }
  return sinceCommit;
}

interface Check {
  cases: number;
  scenarios: number;
  edited: number;
}

/** The library after a crash: intact, opens, and every case whole and one of the versions written. */
function checkLibrary(file: string, context: string): Check {
  const where = `${context} (seed ${SEED})`;
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return { cases: 0, scenarios: 0, edited: 0 };
  const raw = new Database(file);
  try {
    raw.pragma('busy_timeout = 10000');
    expect(raw.pragma('integrity_check', { simple: true }), `integrity_check ${where}`).toBe('ok');
    expect(raw.pragma('foreign_key_check'), `foreign_key_check ${where}`).toEqual([]);
  } finally {
    raw.close();
  }
  const s = ParleyService.open(file);
  try {
    let scenarios = 0;
    let edited = 0;
    const present = new Set<string>();
    for (const { id } of s.listCases()) {
      if (id !== DELTA) present.add(id);
      const exported = s.exportCase({ caseId: id }).content;
      const c = parseOrThrow(exported);
      if (id === GAMMA) {
        edited += edits.checkGamma(exported, where);
        continue;
      }
      if (id !== UKRAINE) {
        expect(written.get(id)?.has(exported), `case "${id}" is one of the versions written ${where}`).toBe(true);
        continue;
      }
      const own = c.scenarios.filter((sc) => !savedScenarios.has(sc.id));
      expect(serializeCase({ ...c, scenarios: own }), `the shipped case, apart from saved scenarios, ${where}`).toBe(serializeCase(ukraine));
      for (const sc of c.scenarios.filter((x) => savedScenarios.has(x.id))) {
        expect(savedScenarios.get(sc.id), `scenario "${sc.id}" is one of the versions saved ${where}`).toContainEqual(sc);
        present.add(`${id}/${sc.id}`);
        scenarios++;
      }
    }
    const before = seen.get(file) ?? new Set<string>();
    expect([...before].filter((x) => !present.has(x)), `cases and scenarios that vanished ${where}`).toEqual([]);
    seen.set(file, present);
    return { cases: s.listCases().length, scenarios, edited };
  } finally {
    s.close();
  }
}

interface Tally {
  kills: number;
  /** Processes that finished before their kill came (they must have succeeded). */
  finished: number;
  /** Kills that left a half-written transaction in the -wal file. */
  halfWritten: number;
}

const tally = (): Tally => ({ kills: 0, finished: 0, halfWritten: 0 });

/** Runs `parley ARGS`, SIGKILLs it after `delay` ms unless it finished, then checks the library. */
async function killCli(lib: string, args: string[], delay: number, t: Tally, context: string, allowRemovals = false): Promise<Finished> {
  const run = startParley([...args, '--db', lib]);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
  const fin = await run.done;
  clearTimeout(timer);
  if (fin.signal === 'SIGKILL') {
    t.kills++;
    if (uncommittedFrames(`${lib}-wal`) > 0) t.halfWritten++;
  } else {
    t.finished++;
    expect(fin.stderr, `${context}: stderr`).not.toMatch(/locked|unexpected error/);
    expect(fin.code, `${context}: ${fin.stderr}`).toBe(0);
  }
  if (allowRemovals) seen.delete(lib);
  checkLibrary(lib, `${context}, ${fin.signal === 'SIGKILL' ? `killed after ${Math.round(delay)} ms` : 'finished'}`);
  return fin;
}

/** The time a command takes to finish, measured on a copy of the library, so that kills can be spread over it. */
async function duration(lib: string, args: string[]): Promise<number> {
  const copy = path.join(dir, `timing-${path.basename(lib)}`);
  if (fs.existsSync(lib)) fs.copyFileSync(lib, copy);
  const t0 = performance.now();
  const fin = await startParley([...args, '--db', copy]).done;
  expect(fin.code, fin.stderr).toBe(0);
  return performance.now() - t0;
}

async function firstRuns(): Promise<Tally> {
  const t = tally();
  const fresh = path.join(dir, 'fresh.sqlite');
  const full = await duration(fresh, ['cases']);
  while (t.kills < FIRST_RUN_KILLS) {
    for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('fresh.sqlite'))) fs.rmSync(path.join(dir, f), { recursive: true });
    seen.delete(fresh);
    await killCli(fresh, ['cases'], uniform(0.3, 1.05) * full, t, 'first run: create, migrate, seed');
  }
  // Whatever the last kill left, the next run completes the library: every shipped case, whole.
  const fin = await startParley(['cases', '--format', 'json', '--db', fresh]).done;
  expect(fin.code, fin.stderr).toBe(0);
  expect((JSON.parse(fin.stdout) as { id: string }[]).map((c) => c.id).sort()).toEqual(shipped.map((c) => c.parsed.id).sort());
  checkLibrary(fresh, 'first run completed');
  return t;
}

/** `kills` runs of a CLI command (new arguments each time), each killed at a random moment of its run time. */
async function cliWrites(lib: string, kills: number, nextArgs: () => string[], context: string): Promise<Tally> {
  const t = tally();
  let full = await duration(lib, nextArgs());
  while (t.kills < kills) {
    const args = nextArgs();
    const start = performance.now();
    const fin = await killCli(lib, args, uniform(0.4, 1.1) * full, t, `${context}: parley ${args.join(' ')}`);
    if (fin.signal === null) full = (full + (performance.now() - start)) / 2;
  }
  return t;
}

/** `parley delete` of DELTA, killed: afterwards DELTA is whole (checked as written) or deleted, never half. */
async function deletes(lib: string): Promise<Tally> {
  const present = () => exportAll(lib)[DELTA] !== undefined;
  return cliWrites(
    lib,
    DELETE_KILLS,
    () => {
      if (!present()) {
        const s = ParleyService.open(lib);
        s.importCase({ content: edits.deltaText });
        s.close();
      }
      return ['delete', DELTA];
    },
    'CLI delete',
  );
}

async function serveWrites(lib: string): Promise<Tally & { inFlight: number }> {
  const t = { ...tally(), inFlight: 0 };
  while (t.kills < SERVE_KILLS) {
    const server = await startServe(lib);
    const killAt = performance.now() + uniform(20, 700);
    let pending = false;
    const timer = setTimeout(() => {
      if (pending) t.inFlight++;
      server.child.kill('SIGKILL');
    }, killAt - performance.now());
    let alive = true;
    void server.done.then(() => (alive = false));
    while (alive) {
      const r = rnd();
      const [method, input] =
        r < 0.3
          ? ['saveScenario', { caseId: UKRAINE, scenario: pick(savedScenarios.get(`crash-scenario-${Math.floor(rnd() * 3)}`)!) }]
          : r < 0.6
            ? ['importCase', { content: pick(caseFiles).text, replace: true }]
            : ['edit', { caseId: GAMMA, edit: edits.randomEdit(rnd) }];
      pending = true;
      const reply = await apiCall(server.url, method, input).catch(() => null);
      pending = false;
      if (reply === null) break; // the server was killed mid-request
      expect(reply.status, `serve answered ${reply.text.slice(0, 300)} (seed ${SEED})`).toBe(200);
    }
    clearTimeout(timer);
    const fin = await server.done;
    expect(fin.signal).toBe('SIGKILL');
    t.kills++;
    if (uncommittedFrames(`${lib}-wal`) > 0) t.halfWritten++;
    expect(server.log(), 'serve logged no error').not.toMatch(/internal error|locked/);
    checkLibrary(lib, 'parley serve killed while writing');
  }
  return t;
}

/** A restore is all or nothing: after a kill the library is exactly the old one or exactly the backup. */
async function restores(lib: string): Promise<Tally> {
  const t = tally();
  const saved = path.join(dir, 'saved.sqlite');
  const savedState = exportAll(lib);
  const fin = await startParley(['backup', '--out', saved, '--db', lib]).done;
  expect(fin.code, fin.stderr).toBe(0);
  const full = await duration(lib, ['restore', saved]);
  while (t.kills < RESTORE_KILLS) {
    // Change the library first, so that a restore that went through is told apart from one that did not.
    const changer = ParleyService.open(lib);
    changer.importCase({ content: pick(caseFiles).text, replace: true });
    changer.close();
    const before = exportAll(lib);
    await killCli(lib, ['restore', saved], uniform(0.3, 1.1) * full, t, 'parley restore', true);
    const after = exportAll(lib);
    expect([before, savedState], `the library after a killed restore is the old one or the backup (seed ${SEED})`).toContainEqual(after);
  }
  return t;
}

it(
  `survives ${FIRST_RUN_KILLS + CLI_KILLS + POSITIONS_KILLS + DELETE_KILLS + SERVE_KILLS + RESTORE_KILLS} SIGKILLs of parley processes while they write`,
  async () => {
    const started = performance.now();
    const first = await firstRuns();

    const lib = path.join(dir, 'library.sqlite');
    const setup = ParleyService.open(lib, { casesDir: CASES_DIR });
    setup.importCase({ content: edits.gammaText });
    setup.close();
    // The CLI and `parley serve` write to the same library at the same time, and both are killed.
    const [serve, [cli, positions]] = await Promise.all([
      serveWrites(lib),
      (async () => [
        await cliWrites(lib, CLI_KILLS, () => ['import', pick(caseFiles).file, '--replace'], 'CLI import'),
        await cliWrites(lib, POSITIONS_KILLS, () => ['positions', GAMMA, '--import', pick(edits.positionFiles)], 'CLI statements import'),
      ])(),
    ]);
    const deleted = await deletes(lib);
    const restore = await restores(lib);

    const final = checkLibrary(lib, 'at the end');
    const backups = listBackups(lib);
    for (const b of backups) checkLibrary(b.file, `backup ${path.basename(b.file)}`);
    const kills = first.kills + cli.kills + positions.kills + deleted.kills + serve.kills + restore.kills;
    console.log(
      [
        `crash-safety: ${kills} SIGKILLs (seed ${SEED}), ${Math.round((performance.now() - started) / 100) / 10} s`,
        `  first runs (create, migrate, seed): ${first.kills} killed, ${first.finished} finished first`,
        `  CLI imports:  ${cli.kills} killed, ${cli.finished} finished first, ${cli.halfWritten} left a half-written transaction in the WAL`,
        `  CLI statement imports (edits): ${positions.kills} killed, ${positions.finished} finished first, ${positions.halfWritten} left a half-written transaction in the WAL`,
        `  CLI deletes:  ${deleted.kills} killed, ${deleted.finished} finished first, ${deleted.halfWritten} left a half-written transaction in the WAL`,
        `  parley serve (imports, scenario saves, edits): ${serve.kills} killed (${serve.inFlight} with a write request in flight), ${serve.halfWritten} left a half-written transaction in the WAL`,
        `  restores:     ${restore.kills} killed, ${restore.finished} finished first, ${restore.halfWritten} left a half-written transaction in the WAL`,
        `  afterwards: integrity_check ok, ${final.cases} cases, ${final.scenarios} saved and ${final.edited} edited scenarios, each whole and a version written; ${backups.length} backups, each whole`,
      ].join('\n'),
    );
    expect(kills).toBeGreaterThanOrEqual(50);
  },
  480_000, // ~1.5 min alone; up to three times that next to the rest of the suite on two busy cores
);
