// Random edits of every kind for a given case, for the history's property tests. Most are valid; some are
// refused (a duplicate id, a referenced removal without cascade) — the tests check that those change nothing.
import type { EditInput } from '../../../src-core/edits.ts';
import { STANCES, type Case } from '../../../src-core/model.ts';

export function randomEdit(c: Case, rnd: () => number, n: number): EditInput {
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(rnd() * xs.length)] : undefined);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const party = pick(c.parties);
  const issue = pick(c.issues);
  const option = issue && pick(issue.options);
  const position = pick(c.positions);
  const scenario = pick(c.scenarios);
  const source = pick(c.sources);
  const kinds = ['setCase', 'setRules', 'addParty', 'updateParty', 'addIssue', 'updateIssue', 'addOption', 'updateOption', 'addSource', 'updateSource',
    'addPosition', 'updatePosition', 'putScenario', 'remove', 'remove-cascade', 'move'] as const;
  switch (pick(kinds)) {
    case 'setCase':
      return { op: 'setCase', title: `Title ${n}`, asOf: rnd() < 0.5 ? null : `2025-0${int(1, 9)}-1${int(0, 9)}`, description: rnd() < 0.3 ? null : `About ${n}` };
    case 'setRules':
      return { op: 'setRules', stanceUtilities: { acceptable: int(50, 90) }, unstatedUtility: int(0, 100) };
    case 'addParty':
      return { op: 'addParty', party: { id: `party-${n}`, name: `Party ${n}`, reservation: int(0, 100) }, at: int(0, c.parties.length) };
    case 'updateParty':
      return party ? { op: 'updateParty', party: { ...party, name: `${party.name}′`, reservation: int(0, 100) } } : { op: 'setCase', title: `T${n}` };
    case 'addIssue':
      return { op: 'addIssue', issue: { id: `issue-${n}`, name: `Issue ${n}`, statusQuo: 'b', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }, at: int(0, c.issues.length) };
    case 'updateIssue': {
      if (!issue) return { op: 'setCase', title: `T${n}` };
      const { options, ...head } = issue;
      return { op: 'updateIssue', issue: { ...head, name: `${issue.name}′`, statusQuo: pick(options)!.id } };
    }
    case 'addOption':
      return issue ? { op: 'addOption', issue: issue.id, option: { id: `option-${n}`, label: `Option ${n}` }, at: int(0, issue.options.length) } : { op: 'setCase', title: `T${n}` };
    case 'updateOption':
      return issue && option ? { op: 'updateOption', issue: issue.id, option: { ...option, label: `${option.label}′`, description: `d${n}` } } : { op: 'setCase', title: `T${n}` };
    case 'addSource':
      return { op: 'addSource', source: { id: `source-${n}`, title: `Source ${n}`, url: `https://example.org/${n}`, date: '2025-08-17' }, at: int(0, c.sources.length) };
    case 'updateSource':
      return source ? { op: 'updateSource', source: { ...source, title: `${source.title}′` } } : { op: 'setCase', title: `T${n}` };
    case 'addPosition':
      if (!party || !issue) return { op: 'setCase', title: `T${n}` };
      return {
        op: 'addPosition',
        position: { party: party.id, issue: issue.id, salience: int(1, 5), date: `2026-${String(int(1, 12)).padStart(2, '0')}-${String(int(10, 28))}`, stances: Object.fromEntries(issue.options.map((o) => [o.id, pick(STANCES)!])), quote: `Said ${n}` },
      };
    case 'updatePosition': {
      if (!position) return { op: 'setCase', title: `T${n}` };
      const opts = c.issues.find((i) => i.id === position.issue)!.options;
      const o = pick(opts)!;
      return {
        op: 'updatePosition',
        ref: { party: position.party, issue: position.issue, ...(position.date && { date: position.date }) },
        position: { ...position, salience: int(1, 5), stances: { ...position.stances, [o.id]: pick(STANCES)! }, utilities: rnd() < 0.3 ? { [o.id]: 0 } : position.utilities },
      };
    }
    case 'putScenario':
      if (scenario && rnd() < 0.5) return { op: 'putScenario', scenario: { ...scenario, name: `${scenario.name}′`, terms: issue && option ? { ...scenario.terms, [issue.id]: option.id } : scenario.terms } };
      return { op: 'putScenario', scenario: { id: `scenario-${n}`, name: `Scenario ${n}`, terms: issue && option ? { [issue.id]: option.id } : {}, saved: true } };
    case 'remove':
    case 'remove-cascade': {
      const cascade = rnd() < 0.7;
      const targets = [
        party && ({ kind: 'party', id: party.id } as const),
        issue && c.issues.length > 1 && ({ kind: 'issue', id: issue.id } as const),
        issue && option && issue.options.length > 1 && ({ kind: 'option', issue: issue.id, id: option.id } as const),
        source && ({ kind: 'source', id: source.id } as const),
        position && ({ kind: 'position', party: position.party, issue: position.issue, ...(position.date && { date: position.date }) } as const),
        scenario && ({ kind: 'scenario', id: scenario.id } as const),
      ].filter((t) => !!t);
      const t = pick(targets);
      return t ? { op: 'remove', target: t, cascade } : { op: 'setCase', title: `T${n}` };
    }
    case 'move': {
      const targets = [
        party && ({ kind: 'party', id: party.id } as const),
        issue && ({ kind: 'issue', id: issue.id } as const),
        issue && option && ({ kind: 'option', issue: issue.id, id: option.id } as const),
        scenario && ({ kind: 'scenario', id: scenario.id } as const),
      ].filter((t) => !!t);
      const t = pick(targets);
      return t ? { op: 'move', target: t, to: int(0, 5) } : { op: 'setCase', title: `T${n}` };
    }
    default:
      return { op: 'setCase', title: `T${n}` };
  }
}
