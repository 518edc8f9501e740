// What each seat sees, and the debrief's answers checked against every package of the case enumerated.
import { describe, expect, it } from 'vitest';
import { debrief } from '../../../src-core/classroom/debrief.ts';
import type { Simulation } from '../../../src-core/classroom/model.ts';
import { createSimulation, propose, respond, advance } from '../../../src-core/classroom/rules.ts';
import { facilitatorView, roleView } from '../../../src-core/classroom/view.ts';
import { conflicts } from '../../../src-core/incompatible.ts';
import { compileCase, scoreScenario } from '../../../src-core/scoring.ts';
import { generateCase } from '../../fixtures/generate-case.ts';
import { at, classroomCase, PRIVATE_NUMBERS, T0 } from './classroom-fixture.ts';

const ROLES = ['north', 'south', 'east'];
const newSim = (): Simulation => createSimulation(classroomCase(), { id: 'sim00001', roles: ROLES, now: T0 });

/** Every object in a JSON value, with the path to it. */
function* objects(value: unknown, path = '$'): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* objects(v, `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    yield [path, value as Record<string, unknown>];
    for (const [k, v] of Object.entries(value)) yield* objects(v, `${path}.${k}`);
  }
}

describe('a role’s view', () => {
  const sim = propose(newSim(), 'east', { berths: 'east-most', fees: 'raise' }, at(1));
  for (const role of ROLES) {
    it(`${role} sees its own numbers and no byte of another role's`, () => {
      const view = roleView(sim, role, at(2));
      const text = JSON.stringify(view);
      for (const own of PRIVATE_NUMBERS[role]!) expect(text).toContain(own);
      for (const [other, numbers] of Object.entries(PRIVATE_NUMBERS)) {
        if (other === role) continue;
        for (const n of numbers) expect(text, `${other}'s ${n} in ${role}'s view`).not.toContain(n);
      }
      // Structurally: the only party with a reservation is the role's own; every position is its own.
      for (const [path, o] of objects(view)) {
        if ('reservation' in o) expect(o.id, path).toBe(role);
        if ('salience' in o || 'stances' in o || 'utilities' in o) expect(o.party, path).toBe(role);
      }
      expect(view.case.parties.map((p) => p.id)).toEqual([role]);
      expect(view.roles.map((r) => r.party)).toEqual(ROLES);
      expect(view.case.issues).toHaveLength(4);
      expect(view.case.scenarios.map((s) => s.id)).toEqual(['gazette-plan', 'east-plan']);
      expect(view.table!.terms).toEqual({ berths: 'east-most', fees: 'raise' });
    });
  }

  it('says whether the role may still propose this round', () => {
    expect(roleView(sim, 'east', at(2)).mayPropose).toBe(false);
    expect(roleView(sim, 'north', at(2)).mayPropose).toBe(true);
    expect(roleView(advance(sim, {}, at(3)), 'east', at(4)).mayPropose).toBe(true);
  });

  it('the facilitator sees every role, brief and number', () => {
    const view = facilitatorView(sim, at(2));
    const text = JSON.stringify(view);
    for (const numbers of Object.values(PRIVATE_NUMBERS)) for (const n of numbers) expect(text).toContain(n);
    expect(view.roles.map((r) => [r.party, r.joined])).toEqual([['north', false], ['south', false], ['east', false]]);
  });
});

/** Every package (one option per issue) of the frozen case that no incompatible entry rules out. */
function allPackages(sim: Simulation) {
  const c = sim.case;
  const compiled = compileCase(c, c.asOf ?? null);
  let packs: Record<string, string>[] = [{}];
  for (const issue of c.issues) packs = packs.flatMap((t) => issue.options.map((o) => ({ ...t, [issue.id]: o.id })));
  return packs.filter((t) => conflicts(compiled, t).length === 0).map((terms) => ({ terms, score: scoreScenario(compiled, terms) }));
}

describe('the debrief', () => {
  it('scores every offer for every role and judges the agreement against each reservation', () => {
    let sim = propose(newSim(), 'east', { berths: 'east-most', fees: 'raise' }, at(1));
    sim = propose(sim, 'north', { berths: 'equal', dredging: 'by-traffic', fees: 'keep', authority: 'rotating' }, at(2));
    sim = respond(respond(sim, 'south', true, at(3)), 'east', true, at(4));
    const d = debrief(sim, at(5));
    expect(d.offers.map((o) => [o.number, o.proposer, o.agreed])).toEqual([[1, 'east', false], [2, 'north', true]]);
    const compiled = compileCase(sim.case, sim.case.asOf ?? null);
    for (const o of d.offers) expect(o.scores).toEqual(scoreScenario(compiled, o.terms).parties);
    expect(d.agreement!.offer).toBe(2);
    d.agreement!.scores.forEach((s, i) => {
      expect(d.agreement!.surplus[i]).toBeCloseTo(s.match! - sim.case.parties[i]!.reservation, 9);
    });
    expect(d.reference).toMatchObject({ kind: 'agreement', offer: 2 });
    expect(d.simulation.status).toBe('agreed');
  });

  it('finds a package better for every role exactly when one exists, and the best maximin package', () => {
    const sims = [
      // East's ideal: a full match for East, which nothing can better.
      propose(newSim(), 'east', { berths: 'east-most', fees: 'raise' }, at(1)),
      propose(newSim(), 'south', { berths: 'equal', dredging: 'by-traffic', fees: 'raise', authority: 'none' }, at(1)),
      propose(newSim(), 'north', { berths: 'equal', dredging: 'by-traffic', fees: 'keep', authority: 'rotating' }, at(1)),
      propose(newSim(), 'south', { berths: 'equal', dredging: 'state', fees: 'keep', authority: 'joint' }, at(1)),
    ];
    const answers: boolean[] = [];
    for (const sim of sims) {
      const packages = allPackages(sim);
      const d = debrief(sim, at(2));
      const base = d.reference!.scores.map((s) => s.match!);
      const better = packages.filter((p) => p.score.parties.every((s, i) => s.redLines.length === 0 && s.match! > base[i]! + 1e-6));
      expect(d.improvement!.exact).toBe(true);
      expect(d.improvement!.found).toBe(better.length > 0);
      answers.push(d.improvement!.found);
      if (better.length) {
        const bestWorst = Math.max(...better.map((p) => p.score.aggregate.worst!));
        expect(d.improvement!.package!.scores.every((s, i) => s.match! > base[i]!)).toBe(true);
        expect(Math.min(...d.improvement!.package!.scores.map((s) => s.match!))).toBeCloseTo(bestWorst, 9);
        d.improvement!.package!.gain.forEach((g) => expect(g!).toBeGreaterThan(0));
      }
      const noRed = packages.filter((p) => p.score.parties.every((s) => s.redLines.length === 0));
      expect(d.maximin.exact).toBe(true);
      expect(Math.min(...d.maximin.package!.scores.map((s) => s.match!))).toBeCloseTo(Math.max(...noRed.map((p) => p.score.aggregate.worst!)), 9);
    }
    // The three offers cover both answers: one can be bettered for everyone, one cannot.
    expect(answers).toContain(true);
    expect(answers).toContain(false);
  });

  it('with nothing on the table there is no improvement question, and a cut search says it is not exact', () => {
    expect(debrief(newSim(), at(1)).improvement).toBeNull();
    // 10 parties × 30 issues of 6 options with a few red lines (the search benchmark's hardest size): more
    // search nodes than the engine visits between two looks at the clock, and a clock that jumps an hour per
    // reading ends its time limit at the first look.
    const big = generateCase({ parties: 10, issues: 30, options: 6, scenarios: 1, seed: 2025, redLines: 0.05 });
    const sim = createSimulation(big, { id: 'sim00002', now: T0 });
    let t = 0;
    const d = debrief(propose(sim, big.parties[0]!.id, {}, at(1)), at(2), { timeLimitMs: 1, clock: () => (t += 3_600_000) });
    expect(d.maximin.exact).toBe(false);
    expect(d.improvement!.exact).toBe(false);
  });
});
