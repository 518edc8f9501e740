// The classroom server over real HTTP on a real library file: tokens, seats, join codes and their rate limit,
// the request checks of `parley serve`, and — above all — that a role's answers hold nothing of another
// role's private numbers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Classroom, type Opened } from '../../../src-main/classroom/classroom.ts';
import { JOIN_CODE_BITS } from '../../../src-main/classroom/secrets.ts';
import { MAX_CLASSROOM_BODY, startClassroomServer } from '../../../src-main/classroom/server.ts';
import type { RunningServer } from '../../../src-main/server/http-server.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { classroomCase, expectOnlyOwnSecrets, PRIVATE_NUMBERS } from './classroom-fixture.ts';
import { call, request, type Reply } from '../transport/http-client.ts';

const ROLES = ['north', 'south', 'east'];
const DEAL = { berths: 'equal', dredging: 'by-traffic', fees: 'keep', authority: 'rotating' };
const JOIN_LIMIT = 4;
let dir: string;
let service: ParleyService;
let room: Classroom;
let server: RunningServer;
let port: number;
let opened: Opened;
let other: Opened;
const tokens: Record<string, string> = {};
const fac = () => opened.facilitatorToken;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-classroom-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Parley</title>');
  service = ParleyService.open(path.join(dir, 'library.sqlite'));
  room = new Classroom(service.db);
  opened = room.create(classroomCase(), { roles: ROLES, rounds: 2 });
  other = room.create(classroomCase(), { roles: ['north', 'south'] });
  server = await startClassroomServer({ classroom: room, simulationId: opened.simulation.id, staticDir, joinLimit: { perAddress: JOIN_LIMIT, windowMs: 60_000 } });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server.close();
  await room.close();
  service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const noStack = (r: Reply) => expect(r.text).not.toMatch(/\bat .*\.(ts|js):\d+|node:internal|Error:/);

function expectError(r: Reply, status: number, code: string, message: RegExp): void {
  expect(r.status, r.text).toBe(status);
  expect(r.json).toEqual({ ok: false, error: expect.objectContaining({ code, message: expect.stringMatching(message) }) });
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  noStack(r);
}

describe('the classroom server', () => {
  it('sends students from / to the join page, and serves the app there with the security headers', async () => {
    const root = await request(port, 'GET', '/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/classroom');
    const page = await request(port, 'GET', '/classroom');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Parley</title>');
    for (const r of [root, page]) {
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('gives join codes of at least 40 bits, one per role, all different', () => {
    expect(JOIN_CODE_BITS).toBeGreaterThanOrEqual(40);
    const codes = Object.values(opened.joinCodes);
    expect(codes).toHaveLength(3);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(new Set([...codes, ...Object.values(other.joinCodes)]).size).toBe(5);
  });

  it('join: a code in, a token and the role out; a code of another simulation or a wrong one is 401', async () => {
    for (const role of ROLES) {
      // As students type it: lower case, no dash.
      const r = await call(port, 'join', { code: opened.joinCodes[role]!.toLowerCase().replace('-', '') });
      expect(r.status, r.text).toBe(200);
      expect(r.json.value).toEqual({ token: expect.stringMatching(/^[\w-]{43}$/), role });
      tokens[role] = r.json.value.token;
    }
    expectError(await call(port, 'join', { code: other.joinCodes.north! }), 401, 'unauthorized', /no role of this simulation has that join code/);
  });

  it('every call but join needs a valid token of this simulation: 401 otherwise', async () => {
    expectError(await call(port, 'state'), 401, 'unauthorized', /Authorization: Bearer/);
    expectError(await call(port, 'state', {}, 'made-up-token'), 401, 'unauthorized', /not valid for this simulation/);
    expectError(await call(port, 'state', {}, other.facilitatorToken), 401, 'unauthorized', /not valid/);
    expectError(await call(port, 'state', {}, tokens.north, { Authorization: `Basic ${tokens.north}` }), 401, 'unauthorized', /Bearer/);
    expect((await call(port, 'state', {}, 'made-up-token')).headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('a role calling a facilitator method is 403, as is the facilitator making a move, and a role asking for the debrief before the end', async () => {
    for (const [m, body] of [['advance', {}], ['deadline', { minutes: 5 }], ['brief', { role: 'north', text: 'x' }]] as const) expectError(await call(port, m, body, tokens.north), 403, 'forbidden', new RegExp(`only the facilitator may call ${m}`));
    expectError(await call(port, 'propose', { terms: DEAL }, fac()), 403, 'forbidden', /plays no role/);
    expectError(await call(port, 'respond', { accept: true }, fac()), 403, 'forbidden', /plays no role/);
    expectError(await call(port, 'debrief', {}, tokens.south), 403, 'forbidden', /when the simulation has ended/);
    expectError(await call(port, 'debriefReport', {}, tokens.south), 403, 'forbidden', /when the simulation has ended/);
  });

  it('refuses bad requests as `parley serve` does, with JSON errors and no stack trace', async () => {
    expectError(await request(port, 'GET', '/api/classroom.state'), 405, 'invalid_input', /POST/);
    expectError(await call(port, 'listCases', {}, fac()), 404, 'not_found', /no api method/);
    expectError(await request(port, 'POST', '/api/classroom.state', '{}', { 'Content-Type': 'text/plain', Authorization: `Bearer ${fac()}` }), 415, 'invalid_input', /application\/json/);
    expectError(await request(port, 'POST', '/api/classroom.state', '{nope', { Authorization: `Bearer ${fac()}` }), 400, 'invalid_input', /not valid JSON/);
    expectError(await request(port, 'POST', '/api/classroom.state', 'x'.repeat(MAX_CLASSROOM_BODY + 1), { Authorization: `Bearer ${fac()}` }), 413, 'invalid_input', /larger than 64 KB/);
    expectError(await call(port, 'state', {}, fac(), { Origin: 'http://evil.example' }), 403, 'invalid_input', /cross-origin/);
    expectError(await call(port, 'state', {}, fac(), { Host: 'evil.example' }), 421, 'invalid_input', /localhost/);
    const bad = await call(port, 'propose', { terms: { berths: 'Not An Id' }, extra: 1 }, tokens.north);
    expectError(bad, 400, 'invalid_input', /invalid input for classroom\.propose/);
    expect(bad.json.error!.details!.map((d) => d.path)).toEqual(expect.arrayContaining(['terms.berths', '']));
    expectError(await call(port, 'propose', { terms: { berths: 'nowhere' } }, tokens.north), 409, 'conflict', /terms\.berths: "nowhere" is not an option of "Berth allocation"/);
    const ok = await call(port, 'state', {}, fac());
    expect(ok.headers['content-security-policy']).toContain("default-src 'self'");
    expect(ok.headers['cache-control']).toBe('no-store');
  });

  it("no byte of another role's private numbers, positions or brief reaches a role token", async () => {
    expect((await call(port, 'brief', { role: 'south', text: 'South: hold out for state-paid dredging.' }, fac())).status).toBe(200);
    expect((await call(port, 'propose', { terms: DEAL }, tokens.north)).status).toBe(200);
    const answers: Record<string, string[]> = { north: [], south: [], east: [] };
    for (const role of ROLES) {
      answers[role]!.push((await call(port, 'state', {}, tokens[role])).text);
      const move = role === 'north' ? await call(port, 'propose', { terms: DEAL }, tokens[role]) : await call(port, 'respond', { accept: role === 'east' }, tokens[role]);
      answers[role]!.push(move.text);
      answers[role]!.push((await call(port, 'state', {}, tokens[role])).text);
    }
    for (const role of ROLES) expectOnlyOwnSecrets(role, answers[role]!, JSON.parse(answers[role]![2]!).value, { south: 'hold out for state-paid dredging' });
    // The control: the facilitator does see every number.
    const facilitator = (await call(port, 'state', {}, fac())).text;
    for (const n of Object.values(PRIVATE_NUMBERS).flat()) expect(facilitator).toContain(n);
    expect(JSON.parse(facilitator).value.joinCodes).toEqual(opened.joinCodes);
  });

  it('plays to an agreement; then the debrief and its PDF open to every seat, and moves are refused', async () => {
    const before = (await call(port, 'state', {}, tokens.east)).json.value;
    expect(before.table).toEqual(expect.objectContaining({ proposer: 'north', terms: DEAL, answers: { north: 'accept', south: 'reject', east: 'accept' } }));
    expect(before.moves.map((m: { role: string; kind: string }) => `${m.role}:${m.kind}`)).toEqual(['north:propose', 'south:reject', 'east:accept']);
    expect(before.moves.every((m: { at: string }) => !Number.isNaN(Date.parse(m.at)))).toBe(true);
    const adv = await call(port, 'advance', { deadlineMinutes: 30 }, fac());
    expect(adv.json.value.simulation).toEqual(expect.objectContaining({ round: 2, rounds: 2, open: true, deadline: expect.any(String) }));
    const agreed = await call(port, 'respond', { accept: true }, tokens.south);
    expect(agreed.json.value.simulation).toEqual(expect.objectContaining({ status: 'agreed', open: false }));
    expectError(await call(port, 'propose', { terms: DEAL }, tokens.east), 409, 'conflict', /has ended.*No more moves/);
    expectError(await call(port, 'advance', {}, fac()), 409, 'conflict', /has ended/);
    const d = await call(port, 'debrief', {}, tokens.south);
    expect(d.status, d.text).toBe(200);
    expect(d.json.value.agreement).toEqual(expect.objectContaining({ offer: 1, terms: DEAL }));
    expect(d.json.value.offers).toHaveLength(1);
    expect(d.json.value.maximin.found).toBe(true);
    // The PDF renders in the export worker: the server answers the class meanwhile.
    let pdfDone = false;
    const pending = call(port, 'debriefReport', {}, tokens.north).then((r) => ((pdfDone = true), r));
    expect((await call(port, 'state', {}, tokens.east)).status).toBe(200);
    expect(pdfDone).toBe(false);
    const pdf = await pending;
    expect(pdf.status).toBe(200);
    expect(pdf.json.value).toEqual(expect.objectContaining({ mime: 'application/pdf', fileName: `harbour-talks-debrief-${opened.simulation.id}.pdf` }));
    expect(Buffer.from(pdf.json.value.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it(`rate-limits wrong join codes per address: after ${JOIN_LIMIT}, even the right code gets 429 with Retry-After`, async () => {
    // One wrong code was typed in the join test above.
    for (let i = 1; i < JOIN_LIMIT; i++) expect((await call(port, 'join', { code: `WRONG-${i}0000` })).status).toBe(401);
    const locked = await call(port, 'join', { code: opened.joinCodes.north! });
    expectError(locked, 429, 'rate_limited', /too many wrong join codes from this address; try again in \d+ s/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await call(port, 'join', { code: 'x'.repeat(65) })).status).toBe(429);
    // Tokens already handed out keep working: the limit is on guessing, not on playing.
    expect((await call(port, 'state', {}, tokens.north)).status).toBe(200);
  });
});
