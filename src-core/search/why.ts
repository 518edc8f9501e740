// Why no package is feasible (DESIGN.md §11): the locks or entries that rule everything out, the issues
// whose every option is excluded or a red line, the parties that cannot reach their threshold even alone,
// and otherwise the constraints whose removal alone would let some package through.
import { makeBounds } from './bounds.ts';
import { runSearch } from './best.ts';
import { buildProblem, partyList, type Problem, type ProblemInput } from './problem.ts';

const FEASIBILITY_MS = 1500;

export function explainInfeasible(problem: Problem, input: ProblemInput): string[] {
  if (problem.blocked.length > 0) return [...problem.blocked];
  const c = problem.case;
  const { compiled } = problem;
  const out: string[] = [];
  const excluded = (i: number, k: number) => (input.exclude?.[c.issues[i]!.id] ?? []).includes(c.issues[i]!.options[k]!.id);
  problem.domain.forEach((dom, i) => {
    if (dom.length > 0) return;
    const issue = c.issues[i]!;
    const why = issue.options.map((o, k) => {
      if (excluded(i, k)) return `"${o.label}" is excluded`;
      const whose = c.parties.filter((_, p) => problem.guarded[p] && compiled.redLine[p]![i * compiled.optionSlots + k] === 1).map((p) => p.name);
      return `"${o.label}" is a red line of ${whose.join(' and ')}`;
    });
    out.push(`every option of ${issue.name} is ruled out: ${why.join('; ')}`);
  });
  if (out.length > 0) return out;

  const bounds = makeBounds(problem);
  c.parties.forEach((party, p) => {
    const need = problem.threshold[p]!;
    if (need === -Infinity) return;
    const best = bounds.sufMax[p]! / problem.weight[p]!;
    if (best < need) {
      const what = need === party.reservation && !(input.min && party.id in input.min) ? `its reservation ${need}` : `the minimum ${need}`;
      out.push(`${party.name} reaches at most ${best.toFixed(1)} without crossing the red lines that are ruled out, below ${what}`);
    }
  });
  if (out.length > 0) return out;

  // Try each constraint on its own: the ones whose removal alone lets a package through are binding.
  const relaxations: [string, ProblemInput][] = [];
  const guardedIds = [...partyList(c, input.noRedLines, 'all', '--no-red-lines')].map((p) => c.parties[p]!.id);
  for (const id of guardedIds) {
    relaxations.push([`the red lines of ${c.parties.find((p) => p.id === id)!.name}`, { ...input, noRedLines: guardedIds.filter((x) => x !== id) }]);
  }
  const acceptable = [...partyList(c, input.acceptableTo, 'none', '--acceptable-to')].map((p) => c.parties[p]!.id);
  for (const id of acceptable) {
    relaxations.push([`acceptability to ${c.parties.find((p) => p.id === id)!.name} (its reservation and red lines)`, { ...input, acceptableTo: acceptable.filter((x) => x !== id) }]);
  }
  for (const id of Object.keys(input.min ?? {})) {
    const { [id]: _dropped, ...rest } = input.min!;
    relaxations.push([`the minimum match of ${c.parties.find((p) => p.id === id)?.name ?? id}`, { ...input, min: rest }]);
  }
  for (const id of Object.keys(input.lock ?? {})) {
    const { [id]: _dropped, ...rest } = input.lock!;
    relaxations.push([`the lock on ${c.issues.find((i) => i.id === id)?.name ?? id}`, { ...input, lock: rest }]);
  }
  if (c.incompatible.length > 0) relaxations.push(['the incompatible terms of the case', { ...input, ignoreIncompatible: true }]);
  const binding = relaxations.filter(([, relaxed]) => feasible(problem, relaxed)).map(([name]) => name);
  if (binding.length > 0) return [`no package meets every constraint together; dropping any one of these alone would let one through: ${binding.join('; ')}`];
  return ['no package meets every constraint together, and dropping any single one of them is not enough'];
}

function feasible(problem: Problem, relaxed: ProblemInput): boolean {
  const sub = buildProblem(problem.case, { ...relaxed, objective: 'maximin' }, problem.compiled);
  return runSearch(sub, { top: 1, timeLimitMs: FEASIBILITY_MS }).results.length > 0;
}
