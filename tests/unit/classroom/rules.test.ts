// The simulation rules of DESIGN.md §13: what a move does, when it is refused, rounds and deadlines.
import { describe, expect, it } from 'vitest';
import { RuleRefused, type Simulation } from '../../../src-core/classroom/model.ts';
import { advance, agreement, createSimulation, markJoined, phase, propose, respond, setBrief, setDeadline, table } from '../../../src-core/classroom/rules.ts';
import { at, classroomCase, T0 } from './classroom-fixture.ts';

const ROLES = ['north', 'south', 'east'];
const DEAL = { berths: 'equal', dredging: 'by-traffic', fees: 'keep', authority: 'rotating' };

function newSim(rounds = 3): Simulation {
  return createSimulation(classroomCase(), { id: 'sim00001', roles: ROLES, rounds, now: T0 });
}

const refused = (fn: () => unknown, message: RegExp) => expect(fn).toThrow(message) as void;

describe('creating a simulation', () => {
  it('freezes the case: only the roles, their positions in force, the sources they cite', () => {
    const c = classroomCase();
    const sim = createSimulation(c, { id: 'sim00001', roles: ['east', 'north', 'south'], now: T0 });
    expect(sim.case.parties.map((p) => p.id)).toEqual(['north', 'south', 'east']);
    expect(sim.roles.map((r) => r.party)).toEqual(['north', 'south', 'east']);
    expect(sim.case.positions.some((p) => p.party === 'observer')).toBe(false);
    // North's authority position of June is not in force on the case's as-of date (May): March's is.
    expect(sim.case.positions.filter((p) => p.party === 'north' && p.issue === 'authority')).toEqual([expect.objectContaining({ salience: 1, date: '2024-03-01' })]);
    expect(sim.case.sources.map((s) => s.id)).toEqual(['gazette', 'council']);
    c.issues[0]!.name = 'changed afterwards';
    c.parties[0]!.reservation = 99;
    expect(sim.case.issues[0]!.name).toBe('Berth allocation');
    expect(sim.case.parties[0]!.reservation).toBe(41.37);
    expect(sim.roundLog).toEqual([{ number: 1, startedAt: T0, deadline: null, endedAt: null }]);
    expect(sim.status).toBe('running');
  });

  it('refuses unknown, repeated, too few or silent roles and impossible round counts, saying which', () => {
    const c = classroomCase();
    refused(() => createSimulation(c, { id: 'x00000', roles: ['north', 'west'], now: T0 }), /roles: "west" is not a party.*parties: north, south, east, observer/);
    refused(() => createSimulation(c, { id: 'x00000', roles: ['north', 'north'], now: T0 }), /"north" is given twice/);
    refused(() => createSimulation(c, { id: 'x00000', roles: ['north'], now: T0 }), /at least two roles/);
    refused(() => createSimulation(c, { id: 'x00000', roles: ROLES, rounds: 0, now: T0 }), /rounds: must be a whole number from 1 to 20/);
    refused(() => createSimulation(c, { id: 'x00000', roles: ROLES, rounds: 21, now: T0 }), /rounds/);
    const silent = { ...c, positions: c.positions.filter((p) => p.party !== 'south') };
    refused(() => createSimulation(silent, { id: 'x00000', roles: ROLES, now: T0 }), /"south" has no stated position/);
  });
});

describe('moves', () => {
  it('a package accepted by every role is the agreement, and the simulation ends', () => {
    let sim = propose(newSim(), 'north', DEAL, at(1));
    expect(table(sim)).toMatchObject({ seq: 1, round: 1, proposer: 'north', terms: DEAL, answers: { north: 'accept', south: null, east: null } });
    sim = respond(sim, 'south', true, at(2));
    expect(sim.status).toBe('running');
    expect(agreement(sim)).toBeNull();
    sim = respond(sim, 'east', true, at(3));
    expect(sim.status).toBe('agreed');
    expect(sim.endedAt).toBe(at(3));
    expect(agreement(sim)).toMatchObject({ seq: 1, terms: DEAL });
    expect(sim.roundLog[0]!.endedAt).toBe(at(3));
    expect(sim.moves.map((m) => [m.seq, m.role, m.kind, m.at])).toEqual([
      [1, 'north', 'propose', at(1)],
      [2, 'south', 'accept', at(2)],
      [3, 'east', 'accept', at(3)],
    ]);
  });

  it('refuses every move after the end, and the facilitator cannot reopen it', () => {
    const agreed = respond(respond(propose(newSim(), 'north', DEAL, at(1)), 'south', true, at(2)), 'east', true, at(3));
    refused(() => propose(agreed, 'south', DEAL, at(4)), /has ended: every role accepted.*No more moves/);
    refused(() => respond(agreed, 'south', false, at(4)), /has ended/);
    refused(() => advance(agreed, {}, at(4)), /has ended/);
    refused(() => setDeadline(agreed, 5, at(4)), /has ended/);
    const ended = advance(newSim(), { end: true }, at(1));
    expect(ended.status).toBe('ended');
    refused(() => propose(ended, 'north', DEAL, at(2)), /ended without an agreement/);
    refused(() => respond(ended, 'north', true, at(2)), /ended without an agreement/);
    expect(phase(ended, at(2))).toMatchObject({ status: 'ended', open: false });
  });

  it('a new proposal replaces the package on the table and its answers start again', () => {
    let sim = respond(propose(newSim(), 'north', DEAL, at(1)), 'south', true, at(2));
    sim = propose(sim, 'east', { ...DEAL, fees: 'raise' }, at(3));
    expect(table(sim)!.answers).toEqual({ north: null, south: null, east: 'accept' });
    sim = respond(respond(sim, 'north', true, at(4)), 'south', true, at(5));
    expect(sim.status).toBe('agreed');
    expect(agreement(sim)!.terms.fees).toBe('raise');
  });

  it('answers: only to a package on the table, never to one’s own, changeable but not repeated', () => {
    refused(() => respond(newSim(), 'south', true, at(1)), /no package on the table/);
    let sim = propose(newSim(), 'north', DEAL, at(1));
    refused(() => respond(sim, 'north', true, at(2)), /proposed the package on the table/);
    sim = respond(sim, 'south', false, at(2));
    refused(() => respond(sim, 'south', false, at(3)), /already rejected/);
    sim = respond(sim, 'east', true, at(3));
    expect(sim.status).toBe('running');
    sim = respond(sim, 'south', true, at(4));
    expect(sim.status).toBe('agreed');
  });

  it('refuses terms the case does not have and terms that cannot all hold at once', () => {
    refused(() => propose(newSim(), 'north', { berths: 'all' }, at(1)), /terms\.berths: "all" is not an option of "Berth allocation"/);
    refused(() => propose(newSim(), 'north', { pier: 'new' }, at(1)), /terms\.pier: "pier" is not an issue/);
    refused(() => propose(newSim(), 'north', { fees: 'abolish', dredging: 'shared' }, at(1)), /cannot all hold at once: Harbour fees: Abolish fees \+ Dredging costs: Shared equally \(Without fees/);
    refused(() => propose(newSim(), 'observer', DEAL, at(1)), /"observer" is not a role/);
  });

  it('stores a proposal’s terms in case order whatever order they came in', () => {
    const sim = propose(newSim(), 'north', { authority: 'joint', berths: 'equal' }, at(1));
    expect(Object.keys(sim.moves[0]!.terms!)).toEqual(['berths', 'authority']);
  });
});

describe('rounds', () => {
  it('each role proposes at most once per round; the next round allows it again', () => {
    let sim = propose(newSim(), 'north', DEAL, at(1));
    refused(() => propose(sim, 'north', { berths: 'north-most' }, at(2)), /North Town has already proposed a package in round 1; each role may propose once per round/);
    sim = advance(sim, {}, at(3));
    expect(phase(sim, at(3))).toMatchObject({ round: 2, rounds: 3, open: true });
    sim = propose(sim, 'north', { berths: 'north-most' }, at(4));
    expect(sim.moves[1]).toMatchObject({ round: 2, role: 'north' });
  });

  it('advancing past the last round ends the simulation; nothing moves after it', () => {
    let sim = newSim(2);
    sim = advance(sim, { deadlineMinutes: 10 }, at(1));
    expect(sim.roundLog.map((r) => [r.number, r.startedAt, r.deadline, r.endedAt])).toEqual([
      [1, T0, null, at(1)],
      [2, at(1), at(11), null],
    ]);
    sim = advance(sim, {}, at(2));
    expect(sim.status).toBe('ended');
    expect(sim.roundLog).toHaveLength(2);
    refused(() => advance(sim, {}, at(3)), /has ended/);
    refused(() => propose(sim, 'south', DEAL, at(3)), /has ended/);
  });

  it('the package on the table stays there into the next round and can still be accepted', () => {
    let sim = respond(propose(newSim(), 'north', DEAL, at(1)), 'south', true, at(2));
    sim = advance(sim, {}, at(3));
    sim = respond(sim, 'east', true, at(4));
    expect(sim.status).toBe('agreed');
    expect(sim.moves[2]).toMatchObject({ round: 2, role: 'east', kind: 'accept' });
  });
});

describe('deadlines', () => {
  it('no move is accepted at or after the deadline; a later deadline reopens the round', () => {
    let sim = setDeadline(newSim(), 5, T0);
    expect(sim.roundLog[0]!.deadline).toBe(at(5));
    sim = propose(sim, 'north', DEAL, at(4.99));
    refused(() => respond(sim, 'south', true, at(5)), /Round 1's deadline has passed; the facilitator opens round 2/);
    expect(phase(sim, at(6))).toMatchObject({ status: 'running', open: false });
    sim = setDeadline(sim, 3, at(6));
    expect(phase(sim, at(7))).toMatchObject({ open: true, deadline: at(9) });
    sim = respond(sim, 'south', true, at(7));
    sim = setDeadline(sim, null, at(8));
    expect(phase(sim, at(600)).open).toBe(true);
  });

  it('a round whose deadline passed ended at its deadline, not when the facilitator moved on', () => {
    let sim = advance(setDeadline(newSim(), 5, T0), {}, at(20));
    expect(sim.roundLog[0]!.endedAt).toBe(at(5));
    sim = advance(sim, { end: true }, at(30));
    expect(sim.endedAt).toBe(at(30));
  });

  it('once the last round’s deadline passes the simulation is over', () => {
    const sim = setDeadline(newSim(1), 2, T0);
    expect(phase(sim, at(1))).toMatchObject({ status: 'running', open: true });
    expect(phase(sim, at(2))).toMatchObject({ status: 'ended', open: false, closed: expect.stringMatching(/last round's deadline has passed/) });
    refused(() => propose(sim, 'north', DEAL, at(3)), /simulation is over/);
  });

  it('refuses a deadline that is not a whole number of minutes from 1 to 600', () => {
    for (const bad of [0, -5, 1.5, 601]) refused(() => setDeadline(newSim(), bad, T0), /whole number of minutes from 1 to 600/);
  });
});

describe('briefs and joining', () => {
  it('a brief belongs to one role and has a length limit', () => {
    const sim = setBrief(newSim(), 'south', 'Keep the fees.');
    expect(sim.roles.map((r) => r.brief)).toEqual(['', 'Keep the fees.', '']);
    refused(() => setBrief(sim, 'south', 'x'.repeat(4001)), /at most 4000/);
    refused(() => setBrief(sim, 'observer', 'x'), /not a role/);
  });

  it('the first join is the one recorded', () => {
    const sim = markJoined(markJoined(newSim(), 'east', at(1)), 'east', at(2));
    expect(sim.roles.find((r) => r.party === 'east')!.joinedAt).toBe(at(1));
  });
});

it('a refusal is a RuleRefused and leaves the simulation as it was', () => {
  const sim = propose(newSim(), 'north', DEAL, at(1));
  const before = JSON.stringify(sim);
  expect(() => propose(sim, 'north', DEAL, at(2))).toThrow(RuleRefused);
  expect(JSON.stringify(sim)).toBe(before);
});
