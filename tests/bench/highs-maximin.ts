// The maximin question of DESIGN.md §11 as a mixed-integer programme for HiGHS (the reference solver of
// the search benchmark): one binary per allowed option, one continuous z, and for every party with a match
// Σ salience × utility × x − W × z ≥ 0 (integer coefficients when utilities are whole numbers).
import type { Problem } from '../../src-core/search/problem.ts';

export function maximinLp(problem: Problem): string {
  const { n, slots, contrib, weight, domain, threshold } = problem;
  const x = (i: number, o: number) => `x${i}_${o}`;
  const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(17));
  const rows: string[] = [];
  const valued = problem.case.parties.map((_, p) => p).filter((p) => weight[p]! > 0);
  for (const p of valued) {
    const terms: string[] = [];
    for (let i = 0; i < n; i++) {
      for (const o of domain[i]!) {
        if (o < 0) continue;
        const cpio = contrib[p * n * slots + i * slots + o]!;
        if (cpio !== 0) terms.push(`${num(cpio)} ${x(i, o)}`);
      }
    }
    rows.push(` p${p}: ${terms.join(' + ') || '0 x_none'} - ${num(weight[p]!)} z >= 0`);
    if (threshold[p]! > -Infinity) rows.push(` t${p}: ${terms.join(' + ')} >= ${num(threshold[p]! * weight[p]!)}`);
  }
  for (let i = 0; i < n; i++) {
    if (domain[i]![0]! < 0) continue;
    rows.push(` one${i}: ${[...domain[i]!].map((o) => x(i, o)).join(' + ')} = 1`);
  }
  problem.entriesAt.forEach((entries) =>
    entries.forEach((e, j) => {
      rows.push(` inc${e.index}_${j}: ${[...e.issues].map((i, t) => x(i, e.options[t]!)).join(' + ')} <= ${e.issues.length - 1}`);
    }),
  );
  const binaries = domain.flatMap((dom, i) => [...dom].filter((o) => o >= 0).map((o) => x(i, o)));
  return ['Maximize', ' obj: z', 'Subject To', ...rows, 'Bounds', ' 0 <= z <= 100', 'Binary', ` ${binaries.join(' ')}`, 'End'].join('\n');
}

/** The chosen option per issue from a HiGHS solution. */
export function chosenOptions(problem: Problem, columns: Record<string, { Primal: number }>): Int32Array {
  const choice = new Int32Array(problem.n).fill(-1);
  for (let i = 0; i < problem.n; i++) {
    for (const o of problem.domain[i]!) {
      if (o < 0) continue;
      if ((columns[`x${i}_${o}`]?.Primal ?? 0) > 0.5) choice[i] = o;
    }
  }
  return choice;
}
