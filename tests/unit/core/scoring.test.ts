import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCaseOrThrow } from '../../../src-core/case-file.ts';
import type { Case, Position, Scenario } from '../../../src-core/model.ts';
import {
  compileCase,
  effectivePosition,
  explainScore,
  idealTerms,
  optionMarkers,
  optionUtility,
  scoreScenario,
  type PartyScore,
  type ScenarioScore,
  type Terms,
} from '../../../src-core/scoring.ts';
import { parseTerms, scoreReport } from '../../../src-core/score-report.ts';

/**
 * A hand-made case whose numbers are worked out by hand below.
 * - north: reservation 50. On land it changed its mind: 2025-01-10 (salience 4) demanded "cede" with "restore"
 *   a red line; 2025-03-01 (salience 2) it demands "freeze". Undated on nato; aid with a numeric override.
 * - south: reservation 40; "cede" is its red line on land.
 * - east: no positions at all, so it never has a basis.
 * Issues: land (status quo freeze), nato (no status quo: open when not addressed), aid (status quo none).
 */
function talks(): Case {
  return parseCaseOrThrow({
    format: 'parley-case',
    version: 1,
    id: 'talks',
    title: 'Talks',
    parties: [
      { id: 'north', name: 'North' },
      { id: 'south', name: 'South', reservation: 40 },
      { id: 'east', name: 'East' },
    ],
    issues: [
      {
        id: 'land',
        name: 'Land',
        statusQuo: 'freeze',
        options: [
          { id: 'cede', label: 'Cede' },
          { id: 'freeze', label: 'Freeze' },
          { id: 'restore', label: 'Restore' },
        ],
      },
      { id: 'nato', name: 'NATO', options: [{ id: 'never', label: 'Never' }, { id: 'open', label: 'Open' }] },
      {
        id: 'aid',
        name: 'Aid',
        statusQuo: 'none',
        options: [
          { id: 'none', label: 'None' },
          { id: 'some', label: 'Some' },
          { id: 'lots', label: 'Lots' },
        ],
      },
    ],
    positions: [
      { party: 'north', issue: 'land', salience: 4, date: '2025-01-10', stances: { cede: 'demand', restore: 'red_line' } },
      { party: 'north', issue: 'land', salience: 2, date: '2025-03-01', stances: { freeze: 'demand' } },
      { party: 'north', issue: 'nato', salience: 2, stances: { never: 'demand', open: 'oppose' } },
      { party: 'north', issue: 'aid', salience: 1, stances: { some: 'acceptable' }, utilities: { lots: 90 } },
      { party: 'south', issue: 'land', salience: 5, stances: { restore: 'demand', cede: 'red_line', freeze: 'oppose' } },
      { party: 'south', issue: 'nato', salience: 1, stances: { open: 'demand' }, utilities: { never: 40 } },
      { party: 'south', issue: 'aid', salience: 3, stances: { lots: 'demand', none: 'oppose' } },
    ],
  });
}

/** One party, one issue: the smallest case that pins a single number down. */
function oneIssue(opts: { reservation: number; stance: string; utilities?: Record<string, number> }): Case {
  return parseCaseOrThrow({
    format: 'parley-case',
    version: 1,
    id: 'one',
    title: 'One issue',
    parties: [{ id: 'p', name: 'P', reservation: opts.reservation }],
    issues: [{ id: 'i', name: 'I', options: [{ id: 'o', label: 'O' }] }],
    positions: [{ party: 'p', issue: 'i', salience: 3, stances: { o: opts.stance }, ...(opts.utilities && { utilities: opts.utilities }) }],
  });
}

const party = (s: ScenarioScore, id: string): PartyScore => {
  const p = s.parties.find((x) => x.party === id);
  if (!p) throw new Error(`no score for ${id}`);
  return p;
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('effective position as of a date', () => {
  const c = talks();
  const pos = (asOf: string | null) => effectivePosition(c.positions, 'north', 'land', asOf);

  it('takes the latest position when no date is given', () => {
    expect(pos(null)?.date).toBe('2025-03-01');
    expect(effectivePosition(c.positions, 'north', 'land', undefined)?.date).toBe('2025-03-01');
  });

  it('takes the latest position dated on or before the date', () => {
    expect(pos('2025-02-01')?.date).toBe('2025-01-10');
    expect(pos('2025-03-01')?.date).toBe('2025-03-01');
    expect(pos('2025-01-10')?.date).toBe('2025-01-10');
    expect(pos('2026-01-01')?.date).toBe('2025-03-01');
  });

  it('gives no position before the first dated one', () => {
    expect(pos('2025-01-09')).toBeUndefined();
  });

  it('counts an undated position as the earliest: in force at any date, replaced by any dated one', () => {
    const positions: Position[] = [
      { party: 'p', issue: 'i', salience: 1, stances: {}, date: '2025-05-01' },
      { party: 'p', issue: 'i', salience: 2, stances: {} },
    ];
    expect(effectivePosition(positions, 'p', 'i', '1990-01-01')?.salience).toBe(2);
    expect(effectivePosition(positions, 'p', 'i', '2025-05-01')?.salience).toBe(1);
    expect(effectivePosition(positions, 'p', 'i', null)?.salience).toBe(1);
  });

  it('gives no position for a party without a stake in the issue', () => {
    expect(effectivePosition(c.positions, 'east', 'land', null)).toBeUndefined();
  });
});

describe('utility of an option', () => {
  const c = talks();
  const northAid = c.positions.find((p) => p.party === 'north' && p.issue === 'aid')!;

  it('is the numeric override when there is one', () => {
    expect(optionUtility(c, northAid, 'lots')).toBe(90);
  });

  it('is the stance utility when the option has a stance and no override', () => {
    expect(optionUtility(c, northAid, 'some')).toBe(70);
  });

  it('is the unstated utility when the position does not mention the option', () => {
    expect(optionUtility(c, northAid, 'none')).toBe(50);
  });

  it('uses the case’s own stance utilities and unstated utility', () => {
    const custom: Case = { ...c, stanceUtilities: { ...c.stanceUtilities, acceptable: 60 }, unstatedUtility: 35 };
    expect(optionUtility(custom, northAid, 'some')).toBe(60);
    expect(optionUtility(custom, northAid, 'none')).toBe(35);
    expect(optionUtility(custom, northAid, 'lots')).toBe(90);
  });

  it('lets an override win over a stance, even over a red line', () => {
    const c2 = oneIssue({ reservation: 0, stance: 'red_line', utilities: { o: 80 } });
    const s = scoreScenario(compileCase(c2), { i: 'o' });
    expect(s.parties[0]!.match).toBe(80);
    expect(s.parties[0]!.redLines).toEqual(['i']); // still a red line: the stance says so
    expect(s.parties[0]!.acceptable).toBe(false);
  });
});

describe('scoring a scenario (latest positions)', () => {
  const compiled = compileCase(talks());

  it('computes match, coverage, red lines and acceptability for a scenario that decides every issue', () => {
    const s = scoreScenario(compiled, { land: 'cede', nato: 'never', aid: 'some' });
    // north: land cede unstated 50 ×2, nato never demand 100 ×2, aid some acceptable 70 ×1 → 370/5
    expect(party(s, 'north')).toEqual({
      party: 'north',
      match: 74,
      coverage: 100,
      redLines: [],
      acceptable: true,
      contributions: { land: 20, nato: 40, aid: 14 },
    });
    // south: land cede red line 0 ×5, nato never override 40 ×1, aid some unstated 50 ×3 → 190/9
    const south = party(s, 'south');
    expect(south.match).toBeCloseTo(190 / 9, 12);
    expect(south.coverage).toBe(100);
    expect(south.redLines).toEqual(['land']);
    expect(south.acceptable).toBe(false);
  });

  it('uses the status quo for an issue the scenario does not address, and leaves an open issue out', () => {
    const s = scoreScenario(compiled, {});
    // north: land freeze (status quo) demand 100 ×2, aid none (status quo) unstated 50 ×1; nato open → 250/3
    const north = party(s, 'north');
    expect(north.match).toBeCloseTo(250 / 3, 12);
    expect(north.coverage).toBeCloseTo(60, 12); // 3 of 5 salience decided
    expect(Object.keys(north.contributions)).toEqual(['land', 'aid']);
    // south: freeze oppose 25 ×5, none oppose 25 ×3 → 25; 8 of 9 salience decided
    const south = party(s, 'south');
    expect(south.match).toBe(25);
    expect(south.coverage).toBeCloseTo((8 / 9) * 100, 12);
    expect(south.acceptable).toBe(false); // 25 < reservation 40
  });

  it('has contributions that add up to the match', () => {
    const cases: Terms[] = [{}, { land: 'restore' }, { land: 'cede', nato: 'open', aid: 'lots' }];
    for (const terms of cases) {
      const s = scoreScenario(compiled, terms);
      for (const p of s.parties) {
        if (p.match === null) expect(p.contributions).toEqual({});
        else expect(sum(Object.values(p.contributions))).toBeCloseTo(p.match, 9);
      }
    }
  });

  it('can leave contributions out without changing any number', () => {
    const terms = { land: 'cede', nato: 'never' };
    const full = scoreScenario(compiled, terms);
    const lean = scoreScenario(compiled, terms, { contributions: false });
    expect(lean.aggregate).toEqual(full.aggregate);
    lean.parties.forEach((p, i) => {
      expect(p.contributions).toEqual({});
      expect({ ...p, contributions: {} }).toEqual({ ...full.parties[i]!, contributions: {} });
    });
  });

  it('gives a party without any position no basis: match null, coverage 0, not acceptable', () => {
    const east = party(scoreScenario(compiled, { land: 'cede', nato: 'never', aid: 'some' }), 'east');
    expect(east).toEqual({ party: 'east', match: null, coverage: 0, redLines: [], acceptable: false, contributions: {} });
  });

  it('gives a party no basis when every issue it has a stake in is open', () => {
    const c = parseCaseOrThrow({
      format: 'parley-case',
      version: 1,
      id: 'open',
      title: 'Open',
      parties: [{ id: 'p', name: 'P' }, { id: 'q', name: 'Q' }],
      issues: [
        { id: 'i', name: 'I', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] },
        { id: 'j', name: 'J', statusQuo: 'a', options: [{ id: 'a', label: 'A' }] },
      ],
      positions: [
        { party: 'p', issue: 'i', salience: 2, stances: { a: 'demand' } },
        { party: 'q', issue: 'j', salience: 2, stances: { a: 'acceptable' } },
      ],
    });
    const s = scoreScenario(compileCase(c), {});
    expect(party(s, 'p')).toMatchObject({ match: null, coverage: 0, acceptable: false });
    expect(party(s, 'q')).toMatchObject({ match: 70, coverage: 100, acceptable: true });
    // p is left out of the aggregates: they are q's alone
    expect(s.aggregate).toMatchObject({ worst: 70, mean: 70, spread: 0 });
    expect(s.aggregate.nash).toBeCloseTo(40, 9); // 100 × (70−50)/(100−50)
  });

  it('lists the red lines crossed in case order, including one crossed by the status quo', () => {
    const c = talks();
    c.positions.push({ party: 'south', issue: 'aid', salience: 3, date: '2025-06-01', stances: { none: 'red_line' } });
    const s = scoreScenario(compileCase(c), { land: 'cede' });
    expect(party(s, 'south').redLines).toEqual(['land', 'aid']);
  });
});

describe('scoring as of a date', () => {
  it('uses the positions in force on that date', () => {
    const compiled = compileCase(talks(), '2025-02-01');
    const s = scoreScenario(compiled, { land: 'cede', nato: 'never', aid: 'some' });
    // north then: land cede demand 100 ×4, nato never 100 ×2, aid some 70 ×1 → 670/7
    expect(party(s, 'north').match).toBeCloseTo(670 / 7, 12);
    const restore = scoreScenario(compiled, { land: 'restore' });
    expect(party(restore, 'north').redLines).toEqual(['land']);
  });

  it('leaves out issues with no position in force yet', () => {
    const compiled = compileCase(talks(), '2025-01-01');
    const s = scoreScenario(compiled, { land: 'cede', nato: 'never', aid: 'some' });
    // north's land positions are dated later; nato (undated) and aid (undated) count → (200 + 70) / 3
    expect(party(s, 'north').match).toBeCloseTo(90, 12);
    expect(party(s, 'north').coverage).toBe(100);
    expect(Object.keys(party(s, 'north').contributions)).toEqual(['nato', 'aid']);
  });
});

describe('acceptability and reservation', () => {
  it('is acceptable when the match exactly equals the reservation', () => {
    const s = scoreScenario(compileCase(oneIssue({ reservation: 70, stance: 'acceptable' })), { i: 'o' });
    expect(s.parties[0]).toMatchObject({ match: 70, acceptable: true, redLines: [] });
    // no gain over the reservation: the Nash product is 0
    expect(s.aggregate.nash).toBe(0);
  });

  it('is not acceptable just below the reservation', () => {
    const s = scoreScenario(compileCase(oneIssue({ reservation: 70.5, stance: 'acceptable' })), { i: 'o' });
    expect(s.parties[0]).toMatchObject({ match: 70, acceptable: false });
  });

  it('is not acceptable when a red line is crossed, whatever the match', () => {
    const s = scoreScenario(compileCase(oneIssue({ reservation: 0, stance: 'red_line' })), { i: 'o' });
    expect(s.parties[0]).toMatchObject({ match: 0, redLines: ['i'], acceptable: false });
  });

  it('counts a reservation of 100 met exactly as full gain', () => {
    const s = scoreScenario(compileCase(oneIssue({ reservation: 100, stance: 'demand' })), { i: 'o' });
    expect(s.parties[0]).toMatchObject({ match: 100, acceptable: true });
    expect(s.aggregate.nash).toBe(100);
  });
});

describe('aggregates over the parties with a match', () => {
  const compiled = compileCase(talks());

  it('gives worst, mean, spread and nash for a deal both can live with', () => {
    const s = scoreScenario(compiled, { land: 'freeze', nato: 'never', aid: 'lots' });
    // north: freeze 100 ×2 + never 100 ×2 + lots override 90 ×1 → 490/5 = 98
    // south: freeze oppose 25 ×5 + never override 40 ×1 + lots demand 100 ×3 → 465/9
    const north = 98;
    const south = 465 / 9;
    expect(party(s, 'north').match).toBeCloseTo(north, 12);
    expect(party(s, 'south').match).toBeCloseTo(south, 12);
    expect(party(s, 'north').acceptable).toBe(true);
    expect(party(s, 'south').acceptable).toBe(true);
    expect(s.aggregate.worst).toBeCloseTo(south, 12);
    expect(s.aggregate.mean).toBeCloseTo((north + south) / 2, 12);
    expect(s.aggregate.spread).toBeCloseTo(north - south, 12);
    // 100 × √( (98−50)/(100−50) × (465/9−40)/(100−40) ) = 100 × √(0.96 × 7/36)
    expect(s.aggregate.nash).toBeCloseTo(100 * Math.sqrt(0.96 * (7 / 36)), 9);
    expect(s.aggregate.nash).toBeCloseTo(43.2049, 3);
  });

  it('gives nash 0 when any party crosses a red line', () => {
    const s = scoreScenario(compiled, { land: 'cede', nato: 'never', aid: 'some' });
    expect(s.aggregate.worst).toBeCloseTo(190 / 9, 12);
    expect(s.aggregate.mean).toBeCloseTo((74 + 190 / 9) / 2, 12);
    expect(s.aggregate.spread).toBeCloseTo(74 - 190 / 9, 12);
    expect(s.aggregate.nash).toBe(0);
  });

  it('gives nash 0 when any party falls below its reservation without crossing a red line', () => {
    const s = scoreScenario(compiled, {});
    expect(party(s, 'south').redLines).toEqual([]);
    expect(party(s, 'south').match).toBe(25);
    expect(s.aggregate.nash).toBe(0);
    expect(s.aggregate.worst).toBe(25);
  });

  it('is null everywhere when no party has a basis', () => {
    const c = talks();
    const nobody = compileCase({ ...c, positions: [] });
    const s = scoreScenario(nobody, { land: 'cede' });
    expect(s.parties.every((p) => p.match === null)).toBe(true);
    expect(s.aggregate).toEqual({ worst: null, mean: null, spread: null, nash: null });
  });
});

describe('explaining a party’s score issue by issue', () => {
  const compiled = compileCase(talks());

  it('gives one entry per issue the party has a stake in, with contribution, loss and where the option came from', () => {
    const entries = explainScore(compiled, { land: 'freeze' }, 'north');
    expect(entries.map((e) => e.issue)).toEqual(['land', 'nato', 'aid']);
    const [land, nato, aid] = entries;
    // decided salience: land 2 + aid 1 = 3 (nato is open)
    expect(land).toMatchObject({ option: 'freeze', via: 'term', stance: 'demand', utility: 100, salience: 2, redLine: false });
    expect(land!.contribution).toBeCloseTo(200 / 3, 12);
    expect(land!.loss).toBe(0);
    expect(land!.position.date).toBe('2025-03-01');
    expect(nato).toMatchObject({ option: null, via: 'open', stance: null, utility: null, salience: 2, contribution: 0, loss: 0, redLine: false });
    expect(aid).toMatchObject({ option: 'none', via: 'statusQuo', stance: null, utility: 50, salience: 1, redLine: false });
    expect(aid!.contribution).toBeCloseTo(50 / 3, 12);
    expect(aid!.loss).toBeCloseTo(50 / 3, 12);
  });

  it('has contributions that add up to the match, and contributions plus losses that add up to 100', () => {
    const terms = { land: 'cede', nato: 'open', aid: 'lots' };
    for (const id of ['north', 'south']) {
      const entries = explainScore(compiled, terms, id);
      const match = party(scoreScenario(compiled, terms), id).match!;
      expect(sum(entries.map((e) => e.contribution))).toBeCloseTo(match, 9);
      expect(sum(entries.map((e) => e.contribution + e.loss))).toBeCloseTo(100, 9);
    }
  });

  it('marks the red line crossed and its stance', () => {
    const south = explainScore(compiled, { land: 'cede', nato: 'never' }, 'south');
    expect(south[0]).toMatchObject({ issue: 'land', option: 'cede', via: 'term', stance: 'red_line', utility: 0, redLine: true, contribution: 0 });
    expect(south[1]).toMatchObject({ issue: 'nato', option: 'never', stance: null, utility: 40, redLine: false });
  });

  it('is empty for a party without a stake or an unknown party', () => {
    expect(explainScore(compiled, {}, 'east')).toEqual([]);
    expect(explainScore(compiled, {}, 'nobody')).toEqual([]);
  });
});

describe('option markers: who demands an option, whose red line it is', () => {
  it('follows the latest positions', () => {
    const m = optionMarkers(compileCase(talks()));
    expect(m.land).toEqual({
      cede: { demandedBy: [], redLineOf: ['south'] },
      freeze: { demandedBy: ['north'], redLineOf: [] },
      restore: { demandedBy: ['south'], redLineOf: [] },
    });
    expect(m.nato).toEqual({ never: { demandedBy: ['north'], redLineOf: [] }, open: { demandedBy: ['south'], redLineOf: [] } });
    expect(m.aid).toEqual({
      none: { demandedBy: [], redLineOf: [] },
      some: { demandedBy: [], redLineOf: [] },
      lots: { demandedBy: ['south'], redLineOf: [] },
    });
  });

  it('follows the positions in force on the compiled date', () => {
    const m = optionMarkers(compileCase(talks(), '2025-02-01'));
    expect(m.land).toEqual({
      cede: { demandedBy: ['north'], redLineOf: ['south'] },
      freeze: { demandedBy: [], redLineOf: [] },
      restore: { demandedBy: ['south'], redLineOf: ['north'] },
    });
  });
});

describe('ideal terms of a party', () => {
  const compiled = compileCase(talks());

  it('picks the party’s best option on every issue it has a stake in', () => {
    expect(idealTerms(compiled, 'north')).toEqual({ land: 'freeze', nato: 'never', aid: 'lots' });
    expect(idealTerms(compiled, 'south')).toEqual({ land: 'restore', nato: 'open', aid: 'lots' });
  });

  it('scores the party 100 when its best options are all demands', () => {
    const south = idealTerms(compiled, 'south');
    expect(party(scoreScenario(compiled, south), 'south').match).toBe(100);
  });

  it('is empty for a party without a stake or an unknown party', () => {
    expect(idealTerms(compiled, 'east')).toEqual({});
    expect(idealTerms(compiled, 'nobody')).toEqual({});
  });
});

describe('parsing terms written issue=option', () => {
  const c = talks();

  it('reads a comma-separated list, ignoring spaces and empty parts', () => {
    expect(parseTerms(c, ' land=cede , nato = never,,')).toEqual({ terms: { land: 'cede', nato: 'never' }, errors: [] });
    expect(parseTerms(c, '')).toEqual({ terms: {}, errors: [] });
  });

  it('reports every bad part, naming what is known', () => {
    const r = parseTerms(c, 'land, moon=full, aid=heaps, land=cede, land=freeze');
    expect(r.terms).toEqual({ land: 'cede' });
    expect(r.errors).toEqual([
      '"land" is not of the form issue=option',
      '"moon" is not an issue of case "talks" (issues: land, nato, aid)',
      '"heaps" is not an option of issue "aid" (options: none, some, lots)',
      'issue "land" is given twice',
    ]);
  });
});

describe('score report (the CLI’s JSON)', () => {
  it('has the shape of DESIGN.md §6, with null matches and unrounded numbers', () => {
    const c = talks();
    const scenarios: Scenario[] = [
      { id: 'deal', name: 'A deal', terms: { land: 'freeze', nato: 'never', aid: 'lots' } },
      { id: 'empty', name: 'Nothing agreed', terms: {} },
    ];
    const report = scoreReport(c, scenarios, null);
    const json = JSON.parse(JSON.stringify(report));
    expect(Object.keys(json)).toEqual(['case', 'asOf', 'scenarios']);
    expect(json.case).toBe('talks');
    expect(json.asOf).toBeNull();
    expect(json.scenarios).toHaveLength(2);
    const deal = json.scenarios[0];
    expect(Object.keys(deal)).toEqual(['id', 'name', 'terms', 'parties', 'aggregate', 'conflicts']);
    expect(deal).toMatchObject({ id: 'deal', name: 'A deal', terms: { land: 'freeze', nato: 'never', aid: 'lots' } });
    expect(deal.parties.map((p: PartyScore) => p.party)).toEqual(['north', 'south', 'east']);
    for (const p of deal.parties) expect(Object.keys(p)).toEqual(['party', 'match', 'coverage', 'redLines', 'acceptable', 'contributions']);
    expect(deal.parties[1].match).toBe(465 / 9); // unrounded
    expect(deal.parties[1].contributions).toEqual({ land: 125 / 9, nato: 40 / 9, aid: 300 / 9 });
    expect(deal.parties[2]).toEqual({ party: 'east', match: null, coverage: 0, redLines: [], acceptable: false, contributions: {} });
    expect(Object.keys(deal.aggregate)).toEqual(['worst', 'mean', 'spread', 'nash']);
    expect(deal.aggregate.nash).toBeCloseTo(100 * Math.sqrt(0.96 * (7 / 36)), 9);
  });

  it('scores as of the given date and copies the terms', () => {
    const c = talks();
    const terms = { land: 'cede' };
    const report = scoreReport(c, [{ id: 's', name: 'S', terms }], '2025-02-01');
    expect(report.asOf).toBe('2025-02-01');
    expect(report.scenarios[0]!.terms).toEqual(terms);
    expect(report.scenarios[0]!.terms).not.toBe(terms);
    // north as of 2025-02-01: land cede demand 100 ×4, nato open (left out), aid none unstated 50 ×1 → 450/5
    expect(report.scenarios[0]!.parties[0]!.match).toBeCloseTo(90, 12);
  });
});

describe('the shipped default case', () => {
  const path = fileURLToPath(new URL('../../../data/cases/ukraine-talks-2025-08.json', import.meta.url));
  const c = parseCaseOrThrow(JSON.parse(readFileSync(path, 'utf8')));
  const alaska = c.scenarios.find((s) => s.id === 'alaska-terms')!;

  it('has Russia’s Alaska terms cross Ukraine’s red lines on Donetsk and security guarantees, and match Russia fully', () => {
    for (const asOf of [c.asOf ?? null, null]) {
      const s = scoreScenario(compileCase(c, asOf), alaska.terms);
      expect(party(s, 'ukraine').redLines).toEqual(['donetsk', 'security-guarantees']);
      expect(party(s, 'ukraine').acceptable).toBe(false);
      expect(party(s, 'russia').match).toBe(100);
      expect(party(s, 'russia').redLines).toEqual([]);
      expect(party(s, 'russia').acceptable).toBe(true);
      expect(s.aggregate.nash).toBe(0);
    }
  });

  it('explains Ukraine’s security-guarantees red line as coming from the status quo', () => {
    const entries = explainScore(compileCase(c, c.asOf), alaska.terms, 'ukraine');
    expect(entries.find((e) => e.issue === 'security-guarantees')).toMatchObject({ option: 'none', via: 'statusQuo', stance: 'red_line', redLine: true });
    expect(entries.find((e) => e.issue === 'donetsk')).toMatchObject({ option: 'ceded', via: 'term', stance: 'red_line', redLine: true });
  });
});
