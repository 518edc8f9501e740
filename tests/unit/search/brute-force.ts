// The reference for the engine's property tests: every package of the search space enumerated and scored
// with the plain scoring functions, filtered and ordered by the words of DESIGN.md §11 alone.
import { conflicts } from '../../../src-core/incompatible.ts';
import type { Case } from '../../../src-core/model.ts';
import { compileCase, scoreScenario, type ScenarioScore } from '../../../src-core/scoring.ts';
import type { Constraints, Objective } from '../../../src-core/search/problem.ts';
import { seededRandom } from '../../fixtures/generate-case.ts';

const TIE = 1e-9;

export interface Package {
  terms: Record<string, string>;
  vector: number[];
  value: number | null;
  score: ScenarioScore;
  changes: number;
}

const ids = (c: Case, v: 'all' | 'none' | readonly string[] | undefined, fallback: 'all' | 'none') =>
  (v ?? fallback) === 'all' ? c.parties.map((p) => p.id) : (v ?? fallback) === 'none' ? [] : (v as string[]);

function objectiveValue(score: ScenarioScore, c: Case, objective: Objective): number | null {
  if (objective === 'maximin') return score.aggregate.worst;
  if (objective === 'mean') return score.aggregate.mean;
  if (objective === 'nash') return score.aggregate.nash;
  const i = c.parties.findIndex((p) => `party:${p.id}` === objective);
  return score.parties[i]!.match;
}

function feasible(c: Case, score: ScenarioScore, k: Constraints, defaultRedLines: 'all' | 'none'): boolean {
  const at = (id: string) => score.parties[c.parties.findIndex((p) => p.id === id)]!;
  if (ids(c, k.noRedLines, defaultRedLines).some((id) => at(id).redLines.length > 0)) return false;
  if (ids(c, k.acceptableTo, 'none').some((id) => !at(id).acceptable)) return false;
  return Object.entries(k.min ?? {}).every(([id, n]) => at(id).match !== null && at(id).match! >= n);
}

/** Every option per issue of the search space: locked, unaddressed (−1) or all not excluded. */
function searchChoices(c: Case, k: Constraints): { choices: number[][]; locked: boolean[] } {
  const choices = c.issues.map((issue) => {
    if (k.lock && issue.id in k.lock) {
      const o = k.lock[issue.id];
      return [o === null ? -1 : issue.options.findIndex((x) => x.id === o)];
    }
    return issue.options.map((_, i) => i).filter((i) => !(k.exclude?.[issue.id] ?? []).includes(issue.options[i]!.id));
  });
  return { choices, locked: c.issues.map((issue) => !!k.lock && issue.id in k.lock) };
}

function* product(lists: number[][]): Generator<number[]> {
  const idx = lists.map(() => 0);
  if (lists.some((l) => l.length === 0)) return;
  while (true) {
    yield lists.map((l, i) => l[idx[i]!]!);
    let d = lists.length - 1;
    while (d >= 0 && ++idx[d]! === lists[d]!.length) idx[d--] = 0;
    if (d < 0) return;
  }
}

function enumerate(c: Case, asOf: string | null, choices: number[][], locked: boolean[], objective: Objective, keep: (score: ScenarioScore, terms: Record<string, string>) => boolean, from?: Record<string, string>): Package[] {
  const compiled = compileCase(c, asOf);
  const out: Package[] = [];
  for (const pick of product(choices)) {
    const terms: Record<string, string> = {};
    pick.forEach((k, i) => {
      if (k >= 0) terms[c.issues[i]!.id] = c.issues[i]!.options[k]!.id;
    });
    if (conflicts(compiled, terms).length > 0) continue;
    const score = scoreScenario(compiled, terms);
    if (!keep(score, terms)) continue;
    const changes = from ? c.issues.filter((i) => (from[i.id] ?? null) !== (terms[i.id] ?? null)).length : 0;
    out.push({ terms, vector: pick.filter((_, i) => !locked[i]), value: objectiveValue(score, c, objective), score, changes });
  }
  return out;
}

const cmpVec = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
};

/** §11: highest value first; values within TIE of their group's highest are equal and go by vector; no value last. */
export function order(packages: Package[]): Package[] {
  const valued = packages.filter((p) => p.value !== null).sort((a, b) => b.value! - a.value!);
  const out: Package[] = [];
  while (valued.length > 0) {
    const top = valued[0]!.value!;
    const group = valued.filter((p) => p.value! >= top - TIE);
    out.push(...group.sort((a, b) => cmpVec(a.vector, b.vector)));
    valued.splice(0, group.length);
  }
  return [...out, ...packages.filter((p) => p.value === null).sort((a, b) => cmpVec(a.vector, b.vector))];
}

export function bruteSearch(c: Case, k: Constraints & { objective: Objective; asOf: string | null }, top: number): Package[] {
  const { choices, locked } = searchChoices(c, k);
  return order(enumerate(c, k.asOf, choices, locked, k.objective, (s) => feasible(c, s, k, 'all'))).slice(0, top);
}

export function bruteFrontier(c: Case, k: Constraints & { objective: Objective; asOf: string | null; parties: [string, string] }): { match: [number, number]; terms: Record<string, string> }[] {
  const { choices, locked } = searchChoices(c, k);
  const [ia, ib] = k.parties.map((id) => c.parties.findIndex((p) => p.id === id)) as [number, number];
  const all = enumerate(c, k.asOf, choices, locked, k.objective, (s) => feasible(c, s, k, 'all') && s.parties[ia]!.match !== null && s.parties[ib]!.match !== null);
  const pair = (p: Package): [number, number] => [p.score.parties[ia]!.match!, p.score.parties[ib]!.match!];
  const pairs = [...new Map(all.map((p) => [pair(p).join(','), pair(p)])).values()];
  const front = pairs
    .filter((p) => !pairs.some((q) => q[0] >= p[0] - TIE && q[1] >= p[1] - TIE && (q[0] > p[0] + TIE || q[1] > p[1] + TIE)))
    .sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const clusters: [number, number][][] = [];
  for (const p of front) {
    const last = clusters[clusters.length - 1];
    if (last && Math.abs(last[0]![0] - p[0]) <= TIE && Math.abs(last[0]![1] - p[1]) <= TIE) last.push(p);
    else clusters.push([p]);
  }
  return clusters
    .map((cluster) => {
      const reaching = all.filter((p) => cluster.some((q) => Math.abs(pair(p)[0] - q[0]) <= TIE && Math.abs(pair(p)[1] - q[1]) <= TIE));
      const first = order(reaching)[0]!;
      return { match: pair(first), terms: first.terms };
    })
    .sort((x, y) => x.match[0] - y.match[0]);
}

export function bruteNearest(c: Case, k: Constraints & { objective: Objective; asOf: string | null; from: Record<string, string>; target: 'all' | string[] }, top: number): Package[] {
  const choices = c.issues.map((issue) => {
    if (k.lock && issue.id in k.lock) {
      const o = k.lock[issue.id];
      return [o === null ? -1 : issue.options.findIndex((x) => x.id === o)];
    }
    const allowed = issue.options.map((_, i) => i).filter((i) => !(k.exclude?.[issue.id] ?? []).includes(issue.options[i]!.id));
    return k.from[issue.id] === undefined ? [-1, ...allowed] : allowed;
  });
  const locked = c.issues.map((issue) => !!k.lock && issue.id in k.lock);
  const targets = k.target === 'all' ? c.parties.map((p) => p.id) : k.target;
  const keep = (s: ScenarioScore) => feasible(c, s, k, 'none') && targets.every((id) => s.parties[c.parties.findIndex((p) => p.id === id)]!.acceptable);
  const all = enumerate(c, k.asOf, choices, locked, k.objective, keep, k.from);
  const byChanges = new Map<number, Package[]>();
  for (const p of all) byChanges.set(p.changes, [...(byChanges.get(p.changes) ?? []), p]);
  return [...byChanges.keys()].sort((a, b) => a - b).flatMap((n) => order(byChanges.get(n)!)).slice(0, top);
}

/** A small random case (≤ 5 parties, ≤ 7 issues, ≤ 4 options) with stakes, red lines, status quo and incompatible sets. */
export function randomCase(seed: number): Case {
  const rnd = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const nP = int(1, 5);
  const nI = int(1, 7);
  const parties = Array.from({ length: nP }, (_, p) => ({ id: `p${p}`, name: `P${p}`, reservation: int(0, 10) === 0 ? 100 : int(20, 80) }));
  const issues = Array.from({ length: nI }, (_, i) => {
    const options = Array.from({ length: int(1, 4) }, (_, k) => ({ id: `o${k}`, label: `Option ${k}` }));
    return { id: `i${i}`, name: `Issue ${i}`, ...(rnd() < 0.6 && { statusQuo: options[int(0, options.length - 1)]!.id }), options };
  });
  const stances = ['demand', 'acceptable', 'neutral', 'oppose', 'red_line'] as const;
  const positions = parties.flatMap((p) =>
    issues
      .filter(() => rnd() < 0.8)
      .map((issue) => {
        const st: Record<string, (typeof stances)[number]> = {};
        const utilities: Record<string, number> = {};
        for (const o of issue.options) {
          const r = rnd();
          if (r < 0.12) st[o.id] = 'red_line';
          else if (r < 0.85) st[o.id] = stances[int(0, 3)]!;
          if (rnd() < 0.1) utilities[o.id] = Math.round(rnd() * 1000) / 10;
        }
        return { party: p.id, issue: issue.id, salience: int(1, 5), stances: st, ...(Object.keys(utilities).length > 0 && { utilities }) };
      }),
  );
  const incompatible = Array.from({ length: nI >= 2 ? int(0, 3) : 0 }, () => {
    const chosen = issues.filter(() => rnd() < 0.5).slice(0, 3);
    const pickIssues = chosen.length >= 2 ? chosen : issues.slice(0, 2);
    return { terms: Object.fromEntries(pickIssues.map((i) => [i.id, i.options[int(0, i.options.length - 1)]!.id])), reason: 'cannot hold together' };
  });
  return {
    id: `random-${seed}`,
    title: 'Random',
    stanceUtilities: { demand: 100, acceptable: 70, neutral: 50, oppose: 25, red_line: 0 },
    unstatedUtility: 50,
    parties,
    issues,
    sources: [],
    positions,
    scenarios: [],
    incompatible,
  };
}

/** Random constraints for a case: locks (to an option or none), exclusions, red-line and acceptability sets, minimums. */
export function randomConstraints(c: Case, seed: number): Constraints & { objective: Objective } {
  const rnd = seededRandom(seed ^ 0x5bd1e995);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const lock: Record<string, string | null> = {};
  const exclude: Record<string, string[]> = {};
  for (const issue of c.issues) {
    const r = rnd();
    if (r < 0.12) lock[issue.id] = issue.options[int(0, issue.options.length - 1)]!.id;
    else if (r < 0.2) lock[issue.id] = null;
    else if (r < 0.35 && issue.options.length > 1) exclude[issue.id] = [issue.options[int(0, issue.options.length - 1)]!.id];
  }
  const subset = () => c.parties.filter(() => rnd() < 0.4).map((p) => p.id);
  const objectives: Objective[] = ['maximin', 'mean', 'nash', `party:${c.parties[int(0, c.parties.length - 1)]!.id}`];
  const redChoice = rnd();
  const accChoice = rnd();
  return {
    objective: objectives[int(0, 3)]!,
    lock,
    exclude,
    noRedLines: redChoice < 0.4 ? 'all' : redChoice < 0.7 ? 'none' : subset(),
    ...(accChoice < 0.3 ? { acceptableTo: subset() } : accChoice < 0.4 ? { acceptableTo: 'all' as const } : {}),
    ...(rnd() < 0.3 && { min: { [c.parties[int(0, c.parties.length - 1)]!.id]: int(20, 80) } }),
  };
}
