// Simulations in the library (migration 005) on real SQLite files: frozen snapshots, roles, briefs, rounds,
// deadlines, moves with their times, and every change all or nothing.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/api.ts';
import { propose } from '../../../src-core/classroom/rules.ts';
import { Classroom } from '../../../src-main/classroom/classroom.ts';
import { hashToken } from '../../../src-main/classroom/secrets.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { LATEST_VERSION } from '../../../src-main/store/migrations/index.ts';
import { onCleanup, rawDb, tableCounts, tempLibraryPath } from '../store/temp-library.ts';
import { at, classroomCase } from './classroom-fixture.ts';

const ROLES = ['north', 'south', 'east'];
const DEAL = { berths: 'equal', dredging: 'by-traffic', fees: 'keep', authority: 'rotating' };

/** A library file and a classroom over it whose clock reads T0 + `minutes`. */
function open(file = tempLibraryPath()) {
  const service = ParleyService.open(file);
  onCleanup(() => service.close());
  const clock = { minutes: 0 };
  return { file, service, clock, room: new Classroom(service.db, () => at(clock.minutes)) };
}

describe('simulations in the store', () => {
  it('a new library is at the classroom schema, with its tables', () => {
    const { service } = open();
    expect(service.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(5);
    const tables = Object.keys(tableCounts(service.db));
    for (const t of ['simulations', 'simulation_roles', 'simulation_rounds', 'simulation_moves', 'simulation_sessions']) expect(tables).toContain(t);
  });

  it('stores the frozen case, roles, briefs, rounds, deadlines and every move with its time; another connection reads it back whole', () => {
    const { file, service, clock, room } = open();
    const c = classroomCase();
    service.repo.insert(c);
    const { simulation } = room.create(service.repo.get(c.id), { roles: ROLES, rounds: 2 });
    const id = simulation.id;
    room.brief(id, 'south', 'Keep the fees. Do not give up the dredging fight.');
    clock.minutes = 1;
    room.deadline(id, 15);
    clock.minutes = 2;
    room.move(id, 'north', { kind: 'propose', terms: DEAL });
    clock.minutes = 3;
    room.move(id, 'south', { kind: 'reject' });
    clock.minutes = 4;
    room.advance(id, { deadlineMinutes: 10 });
    clock.minutes = 5;
    room.move(id, 'south', { kind: 'propose', terms: { fees: 'keep', berths: 'equal' } });

    // Deleting the case from the library afterwards changes nothing in the running class.
    service.repo.delete(c.id);
    const before = room.repo.get(id);
    service.close();

    const again = ParleyService.open(file);
    onCleanup(() => again.close());
    const sim = new Classroom(again.db, () => at(6)).repo.get(id);
    expect(sim).toEqual(before);
    expect(sim.case.parties.map((p) => p.reservation)).toEqual([41.37, 47.83, 52.19]);
    expect(sim.roles.find((r) => r.party === 'south')!.brief).toBe('Keep the fees. Do not give up the dredging fight.');
    expect(sim.roundLog).toEqual([
      { number: 1, startedAt: at(0), deadline: at(16), endedAt: at(4) },
      { number: 2, startedAt: at(4), deadline: at(14), endedAt: null },
    ]);
    expect(sim.moves).toEqual([
      { seq: 1, round: 1, role: 'north', kind: 'propose', terms: DEAL, at: at(2) },
      { seq: 2, round: 1, role: 'south', kind: 'reject', at: at(3) },
      { seq: 3, round: 2, role: 'south', kind: 'propose', terms: { berths: 'equal', fees: 'keep' }, at: at(5) },
    ]);
    expect(new Classroom(again.db).list()).toEqual([expect.objectContaining({ id, caseId: c.id, roles: ROLES, rounds: 2, round: 2, status: 'running', endedAt: null })]);
  });

  it('the snapshot is a copy: a later edit of the case object or the library case does not reach it', () => {
    const { service, room } = open();
    const c = classroomCase();
    service.repo.insert(c);
    const { simulation } = room.create(c, { roles: ['north', 'east'] });
    c.parties[0]!.reservation = 99;
    c.issues[0]!.name = 'renamed';
    service.repo.insert(c, { replace: true });
    expect(service.repo.get(c.id).issues[0]!.name).toBe('renamed');
    const stored = room.repo.get(simulation.id);
    expect(stored.case.parties.map((p) => p.id)).toEqual(['north', 'east']);
    expect(stored.case.parties[0]!.reservation).toBe(41.37);
    expect(stored.case.issues[0]!.name).toBe('Berth allocation');
    expect(stored.case.positions.some((p) => p.party === 'south' || p.party === 'observer')).toBe(false);
  });

  it('an agreement ends the simulation in the store; moves after it are refused and write nothing', () => {
    const { service, clock, room } = open();
    const { simulation } = room.create(classroomCase(), { roles: ROLES });
    const id = simulation.id;
    room.move(id, 'north', { kind: 'propose', terms: DEAL });
    room.move(id, 'south', { kind: 'accept' });
    clock.minutes = 7;
    room.move(id, 'east', { kind: 'accept' });
    const sim = room.repo.get(id);
    expect(sim.status).toBe('agreed');
    expect(sim.endedAt).toBe(at(7));
    expect(sim.roundLog[0]!.endedAt).toBe(at(7));
    const counts = tableCounts(service.db);
    expect(() => room.move(id, 'east', { kind: 'reject' })).toThrow(ApiError);
    expect(() => room.move(id, 'south', { kind: 'propose', terms: DEAL })).toThrow(/has ended/);
    expect(() => room.advance(id, {})).toThrow(/has ended/);
    expect(tableCounts(service.db)).toEqual(counts);
  });

  it('a change that fails half-way leaves every table as it was', () => {
    const { service, room } = open();
    const { simulation } = room.create(classroomCase(), { roles: ROLES });
    const id = simulation.id;
    room.move(id, 'north', { kind: 'propose', terms: DEAL });
    const counts = tableCounts(service.db);
    const snapshot = room.repo.get(id);
    // A valid move followed by one the database refuses (a role the simulation does not have): neither stays.
    expect(() =>
      room.repo.update(id, (s) => {
        const next = propose(s, 'south', { fees: 'keep' }, at(1));
        return { ...next, status: 'ended', endedAt: at(1), moves: [...next.moves, { seq: next.moves.length + 1, round: 1, role: 'nobody', kind: 'reject', at: at(1) }] };
      }),
    ).toThrow(/FOREIGN KEY/);
    expect(tableCounts(service.db)).toEqual(counts);
    expect(room.repo.get(id)).toEqual(snapshot);
    // A rule's refusal writes nothing either, and says why.
    expect(() => room.move(id, 'south', { kind: 'propose', terms: { berths: 'nowhere' } })).toThrow(/terms\.berths: "nowhere" is not an option/);
    expect(tableCounts(service.db)).toEqual(counts);
  });

  it('creating fails whole: no join code for a role means no simulation row at all', () => {
    const { service, room } = open();
    const counts = tableCounts(service.db);
    const { simulation } = room.create(classroomCase(), { roles: ROLES });
    const copy = { ...simulation, id: 'other0001' };
    expect(() => room.repo.create(copy, { north: 'AAAAAAAAAA', south: 'BBBBBBBBBB' })).toThrow(/no join code for role "east"/);
    expect(room.repo.has('other0001')).toBe(false);
    expect(tableCounts(service.db).simulations).toBe(counts.simulations! + 1);
  });

  it('keeps join codes for --resume, and tokens only as hashes: the file holds no token', () => {
    const { file, service, room } = open();
    const opened = room.create(classroomCase(), { roles: ROLES });
    const id = opened.simulation.id;
    const joined = room.join(id, opened.joinCodes.south!.toLowerCase())!;
    expect(joined.role).toBe('south');
    expect(room.join(id, 'ZZZZZ-ZZZZZ')).toBeNull();
    expect(room.seat(id, joined.token)).toEqual({ role: 'south' });
    expect(room.seat(id, opened.facilitatorToken)).toEqual({ role: null });
    expect(room.seat(id, 'not-a-token')).toBeUndefined();
    expect(room.seat('othersim1', joined.token)).toBeUndefined();
    service.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(file).toString('latin1');
    expect(bytes).not.toContain(joined.token);
    expect(bytes).not.toContain(opened.facilitatorToken);
    expect(bytes).toContain(hashToken(joined.token));
    const raw = rawDb(file, { readonly: true });
    expect(raw.prepare('SELECT join_code FROM simulation_roles WHERE simulation_id = ? ORDER BY ord').pluck().all(id)).toEqual(ROLES.map((r) => opened.joinCodes[r]!.replace('-', '')));
    // Resuming shows the same codes, gives a new facilitator token, and the students' sessions go on.
    const resumed = new Classroom(service.db).resume(id);
    expect(resumed.joinCodes).toEqual(opened.joinCodes);
    expect(resumed.facilitatorToken).not.toBe(opened.facilitatorToken);
    expect(room.seat(id, joined.token)).toEqual({ role: 'south' });
    expect(room.repo.get(id).roles.find((r) => r.party === 'south')!.joinedAt).not.toBeNull();
  });

  it('the schema refuses rows no rule would write', () => {
    const { service, room } = open();
    const { simulation } = room.create(classroomCase(), { roles: ROLES });
    const id = simulation.id;
    const db = service.db;
    expect(() => db.prepare("INSERT INTO simulation_moves VALUES (?, 1, 1, 'north', 'propose', NULL, 'x')").run(id)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO simulation_moves VALUES (?, 1, 9, 'north', 'accept', NULL, 'x')").run(id)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE simulations SET status = 'ended' WHERE id = ?").run(id)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE simulation_roles SET join_code = 'short' WHERE simulation_id = ?").run(id)).toThrow(/CHECK/);
  });
});
