// Fuzzing the HTTP api of `parley serve`: random bodies (JSON values, inputs shaped like each method's with
// random values, text, bytes that are not UTF-8, large ones), random content types and HTTP methods, to
// every api method. Never a 500, never a stack trace in the body, and a refused call leaves the library
// exactly as it was (every case exported before and after). Seeded; replay with PARLEY_FUZZ_SEED=<seed>.
import fc from 'fast-check';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, apiInputs, type ApiMethod } from '../../../src-core/api.ts';
import { CHART_KINDS, SORT_KEYS } from '../../../src-core/charts/chart-kinds.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { MAX_BODY_BYTES, startServer, type RunningServer } from '../../../src-main/server/http-server.ts';

const SEED = Number(process.env.PARLEY_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`http fuzz: seed ${SEED} (replay with PARLEY_FUZZ_SEED=${SEED})`);
const RUNS_PER_METHOD = 100;
const ROOT = path.resolve(import.meta.dirname, '../../..');
const UKRAINE = 'ukraine-talks-2025-08';
const UKRAINE_TEXT = fs.readFileSync(path.join(ROOT, 'data', 'cases', `${UKRAINE}.json`), 'utf8');
/** Methods that only read: even a call they accept must leave the library as it was. */
const READ_ONLY = new Set<string>(['listCases', 'getCase', 'previewImport', 'exportCase', 'exportChart', 'exportReport', 'history', 'deletedCases', 'exportScenarios', 'exportPositions', 'libraryChanges']);

let dir = '';
let service: ParleyService;
let server: RunningServer;
let port: number;
const serverLog: string[] = [];
/** The shipped case's own files, as its export methods write them: plausible bodies for the import methods. */
const ownFiles = { scenarios: '', positions: '' };
let requests = 0;
/** The fuzzed library's hot-seat simulation, when its method is hotSeatCall. */
let simulationId: string | undefined;

/** Every method is fuzzed on a library of its own, fresh from the shipped cases, behind a server of its own. */
async function freshLibrary(): Promise<void> {
  await closeLibrary();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-http-fuzz-'));
  service = ParleyService.open(path.join(dir, 'library.sqlite'), { casesDir: path.join(ROOT, 'data', 'cases') });
  fs.mkdirSync(path.join(dir, 'static'));
  fs.writeFileSync(path.join(dir, 'static', 'index.html'), '<!doctype html><title>Parley</title>');
  server = await startServer({ service, staticDir: path.join(dir, 'static'), port: 0, log: (l) => serverLog.push(l) });
  port = Number(new URL(server.url).port);
}

async function closeLibrary(): Promise<void> {
  if (!dir) return;
  await server.close();
  service.close();
  fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
}

beforeAll(async () => {
  await freshLibrary();
  ownFiles.scenarios = service.exportScenarios({ caseId: UKRAINE }).content;
  ownFiles.positions = service.exportPositions({ caseId: UKRAINE }).content;
});
afterAll(async () => {
  console.log(`http fuzz: ${requests} requests to ${API_METHODS.length} api methods, none answered 500 or with a stack trace`);
  await closeLibrary();
});

/** The whole library as a user sees it: the list, every case exported with its history, and the deleted ones. */
function snapshot(): string {
  const list = service.listCases();
  return JSON.stringify({
    list: list.map(({ updatedAt: _, ...c }) => c),
    cases: list.map((c) => [service.exportCase({ caseId: c.id }).content, service.history({ caseId: c.id }).revisions.length]),
    deleted: service.deletedCases().map((d) => d.id),
  });
}

interface Reply {
  status: number;
  text: string;
}

function send(method: string, urlPath: string, body: Buffer, contentType: string | undefined): Promise<Reply> {
  requests++;
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { 'Content-Length': body.length, ...(contentType !== undefined && { 'Content-Type': contentType }) };
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer (413, 415) and close before it has read a large body.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? resolve({ status: -1, text: '' }) : reject(err)));
    req.end(body);
  });
}

// Mostly values a real client would send (so that calls get past validation into the service), sometimes anything.
const ukraine = JSON.parse(UKRAINE_TEXT) as { issues: { id: string; options: { id: string }[] }[]; parties: { id: string }[]; scenarios: { id: string }[] };
const scenarioIds = fc.constantFrom(...ukraine.scenarios.map((x) => x.id), 'no-such-scenario');
const partyIds = fc.constantFrom(...ukraine.parties.map((x) => x.id), 'no-such-party');
const pairs = ukraine.issues.flatMap((i) => i.options.map((o) => [i.id, o.id] as const));
const validTerms = fc.uniqueArray(fc.constantFrom(...pairs), { maxLength: 5, selector: ([i]) => i }).map((ps) => Object.fromEntries(ps));
const anyId = fc.constantFrom(UKRAINE, 'alaska-terms', 'donetsk', 'ceded', 'russia', 'no-such-id', 'Bad Id', '', '../../etc/passwd', 'x'.repeat(70));
const anything = fc.oneof(fc.jsonValue({ maxDepth: 2 }), anyId, fc.constantFrom(null, -1, 0, 1e308, 2.5, true, [], {}, '\u0000', '<script>alert(1)</script>'));
const terms = fc.oneof({ weight: 4, arbitrary: validTerms }, { weight: 1, arbitrary: fc.dictionary(anyId, fc.oneof(anyId, anything), { maxKeys: 4 }) });
const name = fc.string({ minLength: 1, maxLength: 40 });

const PLAUSIBLE: Record<string, fc.Arbitrary<unknown>> = {
  caseId: fc.constantFrom(UKRAINE, UKRAINE, UKRAINE, 'no-such-case'),
  scenarioId: scenarioIds,
  scenario: fc.record({ id: fc.constantFrom('fuzz-a', 'fuzz-b', 'alaska-terms'), name, terms, description: fc.string({ maxLength: 50 }) }, { requiredKeys: ['id', 'name', 'terms'] }),
  name: fc.string({ maxLength: 250 }),
  content: fc.oneof(
    fc.constant(UKRAINE_TEXT),
    fc.constant(UKRAINE_TEXT.replace(`"id": "${UKRAINE}"`, '"id": "fuzzed-copy"').replace('"salience": 5', '"salience": 9')),
    fc.string({ maxLength: 300 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
  ),
  replace: fc.boolean(),
  kind: fc.constantFrom(...CHART_KINDS),
  // Mostly the fast formats: a valid call renders a real chart.
  format: fc.constantFrom<string>('csv', 'csv', 'csv', 'csv', 'svg', 'svg', 'svg', 'png', 'pdf'),
  scenarioIds: fc.array(scenarioIds, { maxLength: 3 }),
  adhoc: fc.record({ name, terms }),
  parties: fc.tuple(partyIds, partyIds),
  chartScenario: fc.oneof(scenarioIds, fc.constant('adhoc')),
  sortBy: fc.constantFrom(...SORT_KEYS),
  width: fc.integer({ min: 240, max: 480 }),
  height: fc.integer({ min: 160, max: 320 }),
  scale: fc.constantFrom(1, 2),
  theme: fc.constantFrom('light', 'dark'),
  asOf: fc.constantFrom('2025-08-17', '2025-02-28', null),
  since: fc.string({ maxLength: 70 }),
  edit: fc.oneof(
    fc.record({ op: fc.constant('setCase'), title: name }),
    fc.record({ op: fc.constant('updateParty'), party: fc.record({ id: partyIds, name, reservation: fc.integer({ min: -10, max: 110 }) }) }),
    fc.record({ op: fc.constant('putScenario'), scenario: fc.record({ id: fc.constantFrom('fuzz-a', 'alaska-terms'), name, terms }) }),
    fc.record({ op: fc.constant('addOption'), issue: fc.constantFrom('donetsk', 'nato', 'no-such-issue'), option: fc.record({ id: fc.constantFrom('fuzz-option', 'ceded'), label: name }) }),
    fc.record({ op: fc.constant('remove'), target: fc.oneof(fc.record({ kind: fc.constant('scenario'), id: scenarioIds }), fc.record({ kind: fc.constant('party'), id: partyIds })), cascade: fc.boolean() }),
    fc.record({ op: fc.constant('move'), target: fc.record({ kind: fc.constant('party'), id: partyIds }), to: fc.integer({ min: -1, max: 6 }) }),
    fc.record({
      op: fc.constant('updatePosition'),
      ref: fc.record({ party: partyIds, issue: fc.constantFrom('donetsk', 'nato'), date: fc.constantFrom('2025-08-15', '2025-01-01') }, { requiredKeys: ['party', 'issue'] }),
      position: fc.record({ party: partyIds, issue: fc.constantFrom('donetsk', 'nato'), salience: fc.integer({ min: 0, max: 6 }), stances: fc.dictionary(fc.constantFrom('ceded', 'contact-line', 'nope'), fc.constantFrom('demand', 'accept', 'oppose', 'maybe')), utilities: fc.dictionary(fc.constantFrom('ceded', 'restored'), fc.integer({ min: -5, max: 15 })) }),
    }),
    fc.record({ op: fc.constant('addSource'), source: fc.record({ id: fc.constantFrom('fuzz-source', 'article-2025-08-17'), title: name, url: fc.constantFrom('https://example.org/a', 'javascript:alert(1)', 'HTTP://EXAMPLE.ORG', 'ftp://x') }) }),
  ),
  seq: fc.integer({ min: -1, max: 6 }),
  replaces: scenarioIds,
  date: fc.constantFrom('2025-08-17', '2026-01-01', '2025-13-01'),
  // Few samples: a valid call computes them all.
  robustness: fc.record({
    objective: fc.constantFrom('maximin', 'mean', 'nash', 'party:russia', 'party:mars'),
    samples: fc.integer({ min: 1, max: 20 }),
    seed: fc.nat(),
    salienceJitter: fc.integer({ min: 0, max: 2 }),
    stanceFlip: fc.double({ min: 0, max: 0.3, noNaN: true }),
  }),
  // The hot seat: a simulation of the fuzzed library (made before its method's run), or none.
  simulationId: fc.constantFrom(0, 1, 2, 3).map((i) => (i > 0 && simulationId ? simulationId : 'nosuchsim')),
  roles: fc.array(partyIds, { maxLength: 4 }),
  rounds: fc.integer({ min: 0, max: 21 }),
  seat: fc.constantFrom(null, null, ...ukraine.parties.map((x) => x.id), 'no-such-party'),
  method: fc.constantFrom('state', 'state', 'propose', 'respond', 'advance', 'deadline', 'brief', 'debrief'),
  input: fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, fc.record({ terms }), fc.record({ accept: fc.boolean() }), fc.record({ minutes: fc.constantFrom(null, 0, 5, 601) }), fc.record({ role: partyIds, text: fc.string({ maxLength: 40 }) }), anything),
  title: name,
  copyOf: fc.constantFrom(UKRAINE, 'no-such-case'),
  dryRun: fc.boolean(),
  fileName: fc.string({ maxLength: 40 }),
  // The case's own scenarios file and positions spreadsheet (as its export methods write them), broken, or text.
  importContent: fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.constantFrom('scenarios', 'positions', 'broken positions').map((k) =>
      k === 'scenarios' ? ownFiles.scenarios : k === 'positions' ? ownFiles.positions : ownFiles.positions.replace(/,5,/, ',9,').replace(/,demand,/, ',maybe,'),
    ),
  ),
};

/**
 * An input shaped like the method's: its required fields, some of its optional ones (and sometimes a
 * stranger), each usually plausible; `strict` leaves out the strangers and the wild values.
 */
function shapedInput(method: ApiMethod, strict = false): fc.Arbitrary<Record<string, unknown>> {
  const shape = (apiInputs[method] as unknown as { shape: Record<string, { safeParse(v: unknown): { success: boolean } }> }).shape;
  const plausible = (f: string) =>
    PLAUSIBLE[f === 'scenario' && method === 'exportChart' ? 'chartScenario' : f === 'content' && /^import(Scenarios|Positions)$/.test(method) ? 'importContent' : f] ?? anything;
  const valueOf = (f: string) => (strict ? plausible(f) : fc.oneof({ weight: 30, arbitrary: plausible(f) }, { weight: 1, arbitrary: anything }));
  const own = Object.keys(shape).map((f) => {
    const field = fc.tuple(fc.constant(f), valueOf(f));
    const optional = shape[f]!.safeParse(undefined).success;
    return optional || !strict ? fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: optional ? 1 : 20, arbitrary: field }) : field;
  });
  const stranger = strict ? fc.constant(undefined) : fc.oneof({ weight: 10, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom('extra', '__proto__', ''), anything) });
  return fc.tuple(stranger, ...own).map((kv) => Object.fromEntries(kv.filter((x) => x !== undefined)));
}

const bodyArb = (method: ApiMethod): fc.Arbitrary<Buffer> =>
  fc.oneof(
    { weight: 10, arbitrary: shapedInput(method).map((v) => Buffer.from(JSON.stringify(v))) },
    { weight: 4, arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '')) },
    { weight: 2, arbitrary: fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
    { weight: 2, arbitrary: fc.constantFrom(Buffer.alloc(0), Buffer.from('{'), Buffer.from('{"caseId":"\ud800"}'), Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from('null'), Buffer.from('[]')) },
    // Large: up to 1 MB of JSON, or of brackets (one past the server's cap is its own test below).
    { weight: 1, arbitrary: fc.integer({ min: 256, max: 1024 }).chain((kb) => fc.constantFrom(Buffer.from(JSON.stringify({ content: 'x'.repeat(kb * 1024) })), Buffer.alloc(kb * 1024, 0x5b))) },
  );

const contentTypeArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset=latin1') },
  { weight: 2, arbitrary: fc.constantFrom<string | undefined>('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', '', undefined) },
);

const httpMethodArb = fc.oneof({ weight: 8, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH') });
/** Calls that render a real chart or report are slower: fewer of them. */
const RUNS: Partial<Record<ApiMethod, number>> = { exportReport: 40 };

/** Every way a server might leak its insides: stack frames, source paths, internal module names. */
const LEAK = /(?:\n|\\n)\s*at \S|\bat [^\n"]*?\((?:file:\/\/|node:|\/)[^\s"()]*:\d+:\d+\)|\.(?:ts|js|mjs):\d+:\d+|node_modules|node:internal|SqliteError|SQLITE_[A-Z]|\b(?:TypeError|ReferenceError|RangeError|SyntaxError): /;

function expectSafeReply(r: Reply, what: string): void {
  if (r.status === -1) return; // refused before the body was read (the connection closed on it)
  expect(r.status, `${what} → ${r.text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
  expect(r.status, `${what} → ${r.text.slice(0, 300)}`).toBeLessThan(500);
  expect(r.text, what).not.toMatch(LEAK);
  const body = JSON.parse(r.text) as { ok: boolean; error?: { code: string; message: string } };
  expect(body.ok, what).toBe(r.status === 200);
  if (!body.ok) expect(body.error!.message.length, what).toBeGreaterThan(0);
}

describe('every api method over HTTP (fuzz)', () => {
  it.each(API_METHODS)('%s: random bodies, content types and sizes never give a 500 or a stack trace; refused calls change nothing', { timeout: 240_000 }, async (method) => {
    await freshLibrary();
    // A history to move through, so that undo, redo and goToRevision also succeed now and then.
    for (const title of ['Fuzz one', 'Fuzz two', 'Fuzz three']) service.edit({ caseId: UKRAINE, edit: { op: 'setCase', title } });
    service.undo({ caseId: UKRAINE });
    simulationId = method === 'hotSeatCall' ? service.hotSeatCreate({ caseId: UKRAINE, rounds: 2 }).id : undefined;
    const statuses = new Map<number, number>();
    // The library as last seen; compared in full only when something was written (its version moved).
    let library = snapshot();
    let version = service.libraryChanges({}).version;
    await fc.assert(
      fc.asyncProperty(bodyArb(method), contentTypeArb, httpMethodArb, async (body, contentType, verb) => {
        const what = `${verb} /api/${method} (${contentType ?? 'no content type'}, ${body.length} bytes: ${body.subarray(0, 120).toString('utf8')})`;
        const r = await send(verb, `/api/${method}`, body, contentType);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        expectSafeReply(r, what);
        const now = service.libraryChanges({}).version;
        if (now === version) return; // nothing was written at all
        const after = snapshot();
        if (r.status !== 200 || READ_ONLY.has(method)) expect(after, `${what} changed the library`).toBe(library);
        [library, version] = [after, now];
      }),
      // No shrinking: the runs share one library, so a shrunk replay would start from another state.
      { numRuns: RUNS[method] ?? RUNS_PER_METHOD, seed: SEED, endOnFailure: true },
    );
    console.log(`http fuzz ${method}: ${[...statuses].sort(([a], [b]) => a - b).map(([st, n]) => `${st === -1 ? 'closed early' : st}×${n}`).join(', ')}`);
    expect(serverLog.filter((l) => /internal error|failed/.test(l))).toEqual([]);
    // The fuzz reached past the transport checks into the service (not only 400s and 415s).
    const reachedService = [...statuses.keys()].some((s) => s === 200 || s === 404 || s === 409 || s === 422);
    expect(reachedService, `statuses seen: ${JSON.stringify([...statuses])}`).toBe(true);
  });

  // Inputs that pass validation but do not fit the case (parties or scenarios it lacks, a breakdown of a
  // scenario not compared, ad-hoc terms naming unknown options) reach the chart and report code itself.
  it.each(['exportChart', 'exportReport'] as const)('%s: plausible inputs that pass validation never give a 500 and change nothing', { timeout: 240_000 }, async (method) => {
    await freshLibrary();
    const statuses = new Map<number, number>();
    const library = snapshot();
    const version = service.libraryChanges({}).version;
    await fc.assert(
      fc.asyncProperty(shapedInput(method, true), async (input) => {
        const r = await send('POST', `/api/${method}`, Buffer.from(JSON.stringify(input)), 'application/json');
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        expectSafeReply(r, `${method} ${JSON.stringify(input)}`);
        if (service.libraryChanges({}).version !== version) expect(snapshot()).toBe(library);
      }),
      { numRuns: method === 'exportChart' ? 80 : 20, seed: SEED },
    );
    console.log(`http fuzz ${method}, plausible inputs: ${[...statuses].sort(([a], [b]) => a - b).map(([st, n]) => `${st}×${n}`).join(', ')}`);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
  });

  it('a body past the size cap is refused with 413 and changes nothing', async () => {
    const before = snapshot();
    const r = await send('POST', '/api/importCase', Buffer.alloc(MAX_BODY_BYTES + 1, 0x20), 'application/json');
    if (r.status !== -1) {
      expect(r.status).toBe(413);
      expectSafeReply(r, 'oversized body');
    }
    expect(snapshot()).toBe(before);
  });
});
