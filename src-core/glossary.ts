// The words Parley uses, explained for people who never read DESIGN §5. The app shows them in its glossary
// and beside each term ("?"); docs/glossary.md is the same text for readers of the repository.

export interface GlossaryEntry {
  id: string;
  term: string;
  /** The question a "?" button answers, as its accessible name. */
  ask: string;
  text: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'match',
    term: 'Match',
    ask: 'What is match?',
    text:
      'How closely a scenario fits what a party has said it wants, from 0 to 100. On each issue the scenario decides, the option in force is worth 100 if the party demands it, 70 if it finds it acceptable, 50 if it is neutral or has not said, 25 if it opposes it and 0 if it is a red line (a case can change these values). The match is the average of those values, each issue counting as much as its salience. It measures agreement with stated positions; it does not predict what a party will sign.',
  },
  {
    id: 'salience',
    term: 'Salience',
    ask: 'What is salience?',
    text: 'How much an issue matters to a party, from 1 (a little) to 5 (a great deal). An issue of salience 5 weighs five times as much in that party’s match as one of salience 1.',
  },
  {
    id: 'reservation',
    term: 'Reservation',
    ask: 'What is reservation?',
    text: 'The lowest match a party needs before it could accept a deal; 50 unless the case says otherwise. It is the tick on each bar. A scenario is acceptable to a party when its match reaches the reservation and it crosses none of the party’s red lines.',
  },
  {
    id: 'red-line',
    term: 'Red line',
    ask: 'What is red line?',
    text: 'An option a party has said it will never accept, marked ✕. A scenario that puts one in force crosses that red line: it is not acceptable to the party, whatever its match, and its Nash score is 0.',
  },
  {
    id: 'status-quo',
    term: 'Status quo',
    ask: 'What is status quo?',
    text: 'What holds on an issue when a scenario does not address it. “Not addressed” is scored as the status quo option, with that option’s ★ demands and ✕ red lines; an issue without a status quo is left open and not counted.',
  },
  {
    id: 'coverage',
    term: 'Coverage',
    ask: 'What is coverage?',
    text: 'How much of what a party cares about the scenario settles: the salience of the issues it decides (its terms and the status quo), as a share of the salience of every issue the party has a position on. A match built on low coverage rests on few issues.',
  },
  {
    id: 'no-basis',
    term: 'No basis',
    ask: 'What is no basis?',
    text: 'The scenario decides none of the issues a party has a position on, so there is nothing to score: the party has no match. It is left out of worst, mean, spread and Nash.',
  },
  {
    id: 'worst-mean',
    term: 'Worst and mean',
    ask: 'What are worst and mean?',
    text: 'The lowest match of any party, and the average match of all parties that have one. A deal is only as strong as its least satisfied party, so worst is often the better guide.',
  },
  {
    id: 'spread',
    term: 'Spread',
    ask: 'What is spread?',
    text: 'The gap between the best-served and the worst-served party: the highest match minus the lowest. A small spread means the scenario treats the parties evenly; it says nothing about whether they are all well served.',
  },
  {
    id: 'nash',
    term: 'Nash',
    ask: 'What is Nash?',
    text: 'One score, 0 to 100, for how good a deal is for everyone at once: how far each party’s match rises above its reservation, as a share of the room it had left, combined as a geometric mean. It is 0 as soon as any party crosses a red line or falls below its reservation, so it rewards deals every side could accept.',
  },
  {
    id: 'pareto-front',
    term: 'Pareto front',
    ask: 'What is the Pareto front?',
    text: 'The scenarios that no other compared scenario beats for both parties at once: to do better for one of the two, you must do worse for the other. In the two-party scatter they are joined by a line; a scenario below it leaves something better for both on the table.',
  },
];

export function glossaryEntry(id: string): GlossaryEntry {
  const e = GLOSSARY.find((g) => g.id === id);
  if (!e) throw new Error(`no glossary entry "${id}"`);
  return e;
}

/** The glossary as the Markdown page docs/glossary.md holds. */
export function glossaryMarkdown(): string {
  const head = '# Glossary\n\nThe words Parley uses, as the app explains them (Help ▸ Glossary, and the “?” beside each term).\nThe exact rules are in [case-format.md](case-format.md).\n';
  return `${head}${GLOSSARY.map((g) => `\n## ${g.term}\n\n${g.text}\n`).join('')}`;
}
