/** One decimal, as charts and exports print numbers. */
export const oneDecimal = (v: number) => (Math.round(v * 10) / 10).toFixed(1);

/** A live bar's accessible name: the number the bar shows, to one decimal (a screen reader hears 38.5%, not 39%). */
export function matchLabel(name: string, match: number | null, redLines: number): string {
  const base = match === null ? `${name}: no basis` : `${name}: ${oneDecimal(match)}% match`;
  return redLines > 0 ? `${base}, ${redLines} red line${redLines === 1 ? '' : 's'} crossed` : base;
}

/** A comparison chart mark's accessible name, with the engine's match to one decimal:
 * "Russia's Alaska terms — Ukraine: 18.3% match, 2 red lines crossed". */
export function scenarioMatchLabel(scenario: string, party: string, match: number | null, redLines: number): string {
  const base = `${scenario} — ${party}: ${match === null ? 'no basis' : `${oneDecimal(match)}% match`}`;
  return redLines > 0 ? `${base}, ${redLines} red line${redLines === 1 ? '' : 's'} crossed` : base;
}
