// Every chart as a table: the same numbers the chart draws, as rows a screen reader can walk cell by cell and
// a sighted reader can scan ("Show as table"). Built from the chart's own data, never recomputed.
import type { ContributionRow } from './contribution-chart.ts';
import { breakdownScenario } from './breakdown.ts';
import type { ChartKind, ChartSettings } from './index.ts';
import { chartTitle } from './index.ts';
import type { CompareData } from './compare-data.ts';
import { orderScenarios } from './compare-data.ts';
import { oneDecimal } from './format.ts';
import type { MatchBar } from './match-chart.ts';
import { scatterParties, scatterPoints } from './scatter-points.ts';
import type { PartyScore } from '../scoring.ts';
import { SORT_KEY_LABELS } from './chart-kinds.ts';
import { namesOf, sidesSentence } from '../robustness/sentences.ts';

export interface TableColumn {
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
}

export interface ChartTable {
  caption: string;
  columns: TableColumn[];
  /** Each row's first cell names the row (a row header). */
  rows: string[][];
}

const percent = (v: number | null) => (v === null ? 'no basis' : `${oneDecimal(v)}%`);
const redLines = (n: number) => (n ? `✕ ${n} red line${n === 1 ? '' : 's'}` : '');

/** A match with what goes with it: "18.3%, ✕ 2 red lines" or "66.1%, acceptable". */
function matchCell(s: PartyScore, withAcceptable = false): string {
  const extra = [redLines(s.redLines.length), withAcceptable && s.acceptable ? 'acceptable' : ''].filter(Boolean);
  return [percent(s.match), ...extra].join(', ');
}

function scenarioByParty(data: CompareData, scenarios: CompareData['scenarios'], withAcceptable: boolean): string[][] {
  return scenarios.map((s) => [s.name, ...s.parties.map((p) => matchCell(p, withAcceptable))]);
}

/** The comparison chart of `kind` as a table. */
export function compareTable(kind: ChartKind, data: CompareData, settings: ChartSettings): ChartTable {
  const caption = chartTitle(kind, data, settings);
  const partyColumns = data.parties.map((p) => ({ label: p.name, numeric: true }));
  switch (kind) {
    case 'heatmap': {
      const sortBy = settings.sortBy ?? 'none';
      const ordered = orderScenarios(data.scenarios, sortBy);
      const rows = scenarioByParty(data, ordered, false);
      if (sortBy === 'none') return { caption, columns: [{ label: 'Scenario' }, ...partyColumns], rows };
      const label = SORT_KEY_LABELS[sortBy];
      return {
        caption,
        columns: [{ label: 'Scenario' }, ...partyColumns, { label: label[0]!.toUpperCase() + label.slice(1), numeric: true }],
        rows: rows.map((r, i) => [...r, ordered[i]!.aggregate[sortBy] === null ? '—' : oneDecimal(ordered[i]!.aggregate[sortBy]!)]),
      };
    }
    case 'bars':
      return { caption, columns: [{ label: 'Scenario' }, ...partyColumns], rows: [...scenarioByParty(data, data.scenarios, true), ['Reservation', ...data.parties.map((p) => String(p.reservation))]] };
    case 'radar':
      return { caption, columns: [{ label: 'Scenario' }, ...partyColumns], rows: [...scenarioByParty(data, data.scenarios, false), ['Reservation', ...data.parties.map((p) => String(p.reservation))]] };
    case 'scatter': {
      const [px, py] = scatterParties(data, settings);
      const { points } = scatterPoints(data, settings);
      const xi = data.parties.indexOf(px);
      const yi = data.parties.indexOf(py);
      return {
        caption,
        columns: [{ label: 'Scenario' }, { label: `${px.name} match`, numeric: true }, { label: `${py.name} match`, numeric: true }, { label: 'On the Pareto front' }],
        rows: data.scenarios.map((s) => {
          const p = points.find((q) => q.scenario === s);
          return [s.name, matchCell(s.parties[xi]!), matchCell(s.parties[yi]!), p ? (p.front ? 'yes' : 'no') : 'not plotted (no basis)'];
        }),
      };
    }
    case 'ranges': {
      const figures = new Map((data.robustness?.report.scenarios ?? []).map((s) => [s.id, s.parties]));
      const range = (id: string, j: number) => {
        const r = figures.get(id)?.[j];
        return r && r.p5 !== null && r.p95 !== null ? `; p5–p95 ${oneDecimal(r.p5)}–${oneDecimal(r.p95)}%` : '';
      };
      return { caption, columns: [{ label: 'Scenario' }, ...partyColumns], rows: data.scenarios.map((s) => [s.name, ...s.parties.map((p, j) => matchCell(p, true) + range(s.id, j))]) };
    }
    case 'tornado': {
      const names = namesOf({ parties: data.parties, issues: data.issues }, data.scenarios);
      return {
        caption,
        columns: [{ label: 'Party' }, { label: 'Issue' }, { label: 'Salience', numeric: true }, { label: 'What changes the ranking' }],
        rows: (data.robustness?.sides ?? []).map((x) => [names.party(x.party), names.issue(x.issue), String(x.salience), sidesSentence(x, names)]),
      };
    }
    case 'breakdown': {
      const s = breakdownScenario(data, settings);
      const rows = data.issues.map((issue) => [issue.name, ...s.parties.map((p) => (issue.id in p.contributions ? oneDecimal(p.contributions[issue.id]!) : '—'))]);
      rows.push(['Match', ...s.parties.map((p) => matchCell(p))]);
      return { caption: `${caption} (points each issue adds to the match)`, columns: [{ label: 'Issue' }, ...partyColumns], rows };
    }
  }
}

/** The builder's live match chart as a table. */
export function matchTable(bars: readonly MatchBar[], caption: string): ChartTable {
  // The plausible ranges get a column when the chart shows them.
  const ranged = bars.some((b) => b.range);
  const rangeCell = (b: MatchBar) => (b.range ? `${oneDecimal(b.range.p5)}–${oneDecimal(b.range.p95)}` : '—');
  return {
    caption,
    columns: [{ label: 'Party' }, { label: 'Match', numeric: true }, ...(ranged ? [{ label: 'p5–p95 range', numeric: true }] : []), { label: 'Reservation', numeric: true }, { label: 'Red lines crossed', numeric: true }, { label: 'Acceptable' }],
    rows: bars.map((b) => [b.name, percent(b.match), ...(ranged ? [rangeCell(b)] : []), String(b.reservation), String(b.redLines.length), b.acceptable ? 'yes' : 'no']),
  };
}

/** "Why this score" as a table: one row per issue the party has a stake in. */
export function contributionTable(rows: readonly ContributionRow[], caption: string): ChartTable {
  return {
    caption,
    columns: [{ label: 'Issue' }, { label: 'Option in force' }, { label: 'Stance' }, { label: 'Salience', numeric: true }, { label: 'Points earned', numeric: true }, { label: 'Points lost', numeric: true }],
    rows: rows.map((r) =>
      r.optionLabel === null
        ? [r.issueName, 'open — not counted', '—', String(r.salience), '—', '—']
        : [r.issueName, r.optionLabel, `${r.stance ? r.stance.replace('_', ' ') : 'not stated'}${r.redLine ? ' ✕' : ''}`, String(r.salience), oneDecimal(r.contribution), oneDecimal(r.loss)],
    ),
  };
}
