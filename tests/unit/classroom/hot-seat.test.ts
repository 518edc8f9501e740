// The hot seat's api (hotSeatCreate, hotSeatList, hotSeatCall) on a real library file: the same seat rules as
// the classroom server (a role cannot call facilitator methods nor see the debrief before the end), every input
// checked, stored simulations listed after a restart — and no role's answers holding another role's numbers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, validateInput, type ApiInput } from '../../../src-core/api.ts';
import type { RoleView } from '../../../src-core/classroom/view.ts';
import { ipcReply } from '../../../src-main/app/ipc-reply.ts';
import { startServer, type RunningServer } from '../../../src-main/server/http-server.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { request } from '../transport/http-client.ts';
import { CLASSROOM_CASE_FILE, expectOnlyOwnSecrets, PRIVATE_NUMBERS } from './classroom-fixture.ts';

const DEAL = { berths: 'equal', dredging: 'by-traffic', fees: 'keep', authority: 'rotating' };
const CASE = 'harbour-talks';
let dir: string;
let file: string;
let service: ParleyService;
let id: string;

/** A seat's call as a transport makes it: validated by the api's schema first. */
const seatCall = (seat: string | null, method: ApiInput<'hotSeatCall'>['method'], input: unknown = {}) =>
  service.hotSeatCall(validateInput('hotSeatCall', { simulationId: id, seat, method, input }));

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-hot-seat-'));
  file = path.join(dir, 'library.sqlite');
  service = ParleyService.open(file);
  service.importCase({ content: fs.readFileSync(CLASSROOM_CASE_FILE, 'utf8') });
});

afterAll(() => {
  service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the hot seat api', () => {
  it('creates a simulation of a library case with the chosen roles and rounds, and lists it after a restart', () => {
    const s = service.hotSeatCreate(validateInput('hotSeatCreate', { caseId: CASE, roles: ['north', 'south', 'east'], rounds: 2 }));
    id = s.id;
    expect(s).toEqual(expect.objectContaining({ caseId: CASE, title: 'Harbour talks (classroom test case)', rounds: 2, round: 1, status: 'running' }));
    expect(s.roles).toEqual([{ party: 'north', name: 'North Town' }, { party: 'south', name: 'South Town' }, { party: 'east', name: 'East Port' }]);
    // The summary is what the set-up and hand-over screens show: no role's numbers.
    for (const n of Object.values(PRIVATE_NUMBERS).flat()) expect(JSON.stringify(s)).not.toContain(n);
    service.close();
    service = ParleyService.open(file);
    expect(service.hotSeatList().map((x) => x.id)).toEqual([id]);
  });

  it('refuses bad set-ups with what is wrong, and writes nothing', async () => {
    expect(() => validateInput('hotSeatCreate', { caseId: CASE, rounds: 0 })).toThrow(/rounds: must be at least 1/);
    expect(() => validateInput('hotSeatCreate', { caseId: CASE, rounds: 2.5 })).toThrow(/rounds: must be a whole number/);
    expect(() => service.hotSeatCreate({ caseId: CASE, roles: ['north'] })).toThrow(/at least two roles/);
    expect(() => service.hotSeatCreate({ caseId: CASE, roles: ['north', 'west'] })).toThrow(/"west" is not a party of case "harbour-talks"/);
    expect((await refusal(Promise.resolve().then(() => service.hotSeatCreate({ caseId: 'no-such-case' })))).code).toBe('not_found');
    expect(service.hotSeatList()).toHaveLength(1);
  });

  it('checks the seat, the method and its input', async () => {
    expect(() => validateInput('hotSeatCall', { simulationId: id, seat: null, method: 'join', input: { code: 'X' } })).toThrow(/method/);
    expect(() => validateInput('hotSeatCall', { simulationId: 'Not An Id!', seat: null, method: 'state', input: {} })).toThrow(/simulationId: must be a simulation id/);
    const bad = await refusal(seatCall('north', 'propose', { terms: 'everything' }));
    expect(bad.code).toBe('invalid_input');
    expect(bad.message).toMatch(/invalid input for classroom\.propose: terms/);
    expect((await refusal(seatCall('north', 'state', { extra: 1 }))).code).toBe('invalid_input');
    const stranger = await refusal(seatCall('observer', 'state'));
    expect(stranger.code).toBe('not_found');
    expect(stranger.message).toContain('"observer" is not a role of simulation');
    expect((await refusal(service.hotSeatCall({ simulationId: 'nosuchsim', seat: null, method: 'state', input: {} }))).code).toBe('not_found');
    const conflict = await refusal(seatCall('north', 'propose', { terms: { berths: 'nowhere' } }));
    expect(conflict.code).toBe('conflict');
  });

  it('keeps the seat rules: roles cannot call facilitator methods, the facilitator plays no role, the debrief waits for the end', async () => {
    for (const [method, input] of [['advance', {}], ['deadline', { minutes: 5 }], ['brief', { role: 'north', text: 'x' }]] as const) {
      const err = await refusal(seatCall('south', method, input));
      expect([err.code, err.message]).toEqual(['forbidden', `only the facilitator may call ${method}`]);
    }
    expect((await refusal(seatCall(null, 'propose', { terms: DEAL }))).message).toBe('the facilitator plays no role, so cannot propose a package');
    expect((await refusal(seatCall(null, 'respond', { accept: true }))).code).toBe('forbidden');
    for (const method of ['debrief', 'debriefReport'] as const) expect((await refusal(seatCall('east', method))).message).toBe('the debrief opens to the roles when the simulation has ended');
    // The facilitator may open the debrief at any time.
    expect((await seatCall(null, 'debrief')) as object).toHaveProperty('maximin');
  });

  it("answers a role's seat with nothing of another role's numbers, positions or brief", async () => {
    await seatCall(null, 'brief', { role: 'south', text: 'South: hold out for state-paid dredging.' });
    const answers: Record<string, string[]> = { north: [], south: [], east: [] };
    const states: Record<string, unknown> = {};
    for (const role of ['north', 'south', 'east']) {
      answers[role]!.push(JSON.stringify(await seatCall(role, 'state')));
      answers[role]!.push(JSON.stringify(await (role === 'north' ? seatCall(role, 'propose', { terms: DEAL }) : seatCall(role, 'respond', { accept: role === 'east' }))));
      states[role] = await seatCall(role, 'state');
      answers[role]!.push(JSON.stringify(states[role]));
    }
    for (const role of ['north', 'south', 'east']) expectOnlyOwnSecrets(role, answers[role]!, states[role], { south: 'hold out for state-paid dredging' });
    // The control: the facilitator's seat sees every number, and every role as having taken its seat.
    const facilitator = await seatCall(null, 'state');
    for (const n of Object.values(PRIVATE_NUMBERS).flat()) expect(JSON.stringify(facilitator)).toContain(n);
    expect((facilitator as { roles: { party: string; joined: boolean }[] }).roles.map((r) => [r.party, r.joined])).toEqual([['north', true], ['south', true], ['east', true]]);
  });

  it('plays to an agreement; then the debrief opens to the roles and moves are refused', async () => {
    await seatCall(null, 'advance', {});
    const agreed = (await seatCall('south', 'respond', { accept: true })) as RoleView;
    expect(agreed.simulation.status).toBe('agreed');
    expect((await refusal(seatCall('east', 'propose', { terms: DEAL }))).code).toBe('conflict');
    const d = (await seatCall('south', 'debrief')) as { agreement: { terms: Record<string, string> } };
    expect(d.agreement.terms).toEqual(DEAL);
    // The debrief's PDF, rendered in the service's export worker.
    const pdf = (await seatCall('north', 'debriefReport')) as { fileName: string; mime: string; base64: string };
    expect(pdf.fileName).toBe(`${CASE}-debrief-${id}.pdf`);
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(service.hotSeatList().find((s) => s.id === id)).toEqual(expect.objectContaining({ status: 'agreed', round: 2 }));
  });
});

describe('the hot seat over the transports', () => {
  it('IPC: invalid input is refused before the service, with the field named', async () => {
    const reply = await ipcReply(service, 'hotSeatCall', { simulationId: id, seat: 'north', method: 'advance' }, () => {});
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('input') }) });
    const forbidden = await ipcReply(service, 'hotSeatCall', { simulationId: id, seat: 'north', method: 'advance', input: {} }, () => {});
    expect(forbidden).toEqual({ ok: false, error: { code: 'forbidden', message: 'only the facilitator may call advance' } });
  });

  it('HTTP: a role calling a facilitator method gets 403, a seat call 200', async () => {
    const staticDir = path.join(dir, 'static');
    fs.mkdirSync(staticDir, { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Parley</title>');
    const server: RunningServer = await startServer({ service, staticDir, port: 0 });
    try {
      const port = Number(new URL(server.url).port);
      const post = (body: unknown) => request(port, 'POST', '/api/hotSeatCall', JSON.stringify(body));
      const refused = await post({ simulationId: id, seat: 'east', method: 'brief', input: { role: 'east', text: 'mine' } });
      expect([refused.status, refused.json.error?.code]).toEqual([403, 'forbidden']);
      const ok = await post({ simulationId: id, seat: 'east', method: 'state', input: {} });
      expect(ok.status).toBe(200);
      expectOnlyOwnSecrets('east', [ok.text], ok.json.value);
    } finally {
      await server.close();
    }
  });
});
