// Positions over time (DESIGN §10): one scenario's match per party on every date a stated position changes,
// as step lines (a score holds until the next change), one column per date that names every party's match
// and the statements that took effect that day. Parties are told apart by colour AND by a label at the end
// of each line; a point marks where a party's score changes: filled when acceptable, hollow when not, with
// an ✕ above it when a red line is crossed.
import { curveStepAfter, line, scaleLinear, scaleUtc, utcDay, utcFormat, type ScaleTime } from 'd3';
import { statementName } from '../case-changes.ts';
import type { CsvValue } from '../csv.ts';
import type { Case, Position, Scenario } from '../model.ts';
import type { CompiledCase } from '../scoring.ts';
import { timeline, type TimelinePoint } from '../timeline.ts';
import { baseline, crossPath, type ChartBuilder, type ChartSettings } from './chart-frame.ts';
import type { CompareData } from './compare-data.ts';
import { oneDecimal } from './format.ts';
import { fitText, textWidth } from './text-metrics.ts';

/** A scenario scored on every change date, with what changed on each. */
export interface TimelineSeries {
  scenario: string;
  scenarioName: string;
  dates: string[];
  /** In case order. */
  parties: { party: string; points: TimelinePoint[] }[];
  /** Per date: the statements that took effect on it, e.g. "Russia on NATO (2025-08-15), revised". */
  changes: string[][];
}

/** `compiled`: the case compiled per change date (compileByDate), when the caller keeps it between calls. */
export function timelineSeries(c: Case, scenario: Pick<Scenario, 'id' | 'name' | 'terms'>, compiled?: readonly CompiledCase[]): TimelineSeries {
  const t = timeline(c, scenario.terms, compiled);
  // Each (party, issue)'s first statement ('' when undated, the earliest of all), and the statements of each date.
  const first = new Map<string, string>();
  const onDate = new Map<string, Position[]>();
  for (const p of c.positions) {
    const key = `${p.party}|${p.issue}`;
    const d = p.date ?? '';
    if (!first.has(key) || d < first.get(key)!) first.set(key, d);
    if (p.date === undefined) continue;
    const list = onDate.get(p.date);
    if (list) list.push(p);
    else onDate.set(p.date, [p]);
  }
  const changes = t.dates.map((date) =>
    (onDate.get(date) ?? []).map((p) => `${statementName(c, p)}, ${first.get(`${p.party}|${p.issue}`)! < date ? 'revised' : 'first statement'}`),
  );
  return { scenario: scenario.id, scenarioName: scenario.name, dates: t.dates, parties: t.parties, changes };
}

const AXIS_W = 34;
const AXIS_H = 24;
const TOP = 14;
const GAP = 8;
const FONT = 11;
const TICKS = [0, 25, 50, 75, 100];
const DAY = 86_400_000;
const toTime = (d: string) => Date.parse(`${d}T00:00:00Z`);

const matchText = (m: number | null) => (m === null ? 'no basis' : `${oneDecimal(m)}%`);

function pointText(name: string, p: TimelinePoint): string {
  const extra = p.redLines.length ? `, ✕ ${p.redLines.length} red line${p.redLines.length === 1 ? '' : 's'} crossed` : p.acceptable ? ', acceptable' : '';
  return `${name}: ${matchText(p.match)}${extra}`;
}

/** The text alternative of one date: every party's match then, and what changed that day. */
export function timelineDateLabel(data: CompareData, series: TimelineSeries, i: number): string {
  const parts = series.parties.map((s, j) => pointText(data.parties[j]?.name ?? s.party, s.points[i]!));
  const changed = series.changes[i]?.length ? ` Changed by: ${series.changes[i]!.join('; ')}.` : '';
  return `As of ${series.dates[i]}: ${parts.join('; ')}.${changed}`;
}

function endLabelWidth(data: CompareData): number {
  const longest = Math.max(0, ...data.parties.map((p) => textWidth(`${p.name} 100.0%`, FONT, true)));
  return Math.max(80, Math.min(longest + 10, 200));
}

/** Date ticks that fall on whole days, labelled at a precision that suits the span, never overlapping. */
function dateTicks(x: ScaleTime<number, number>, dates: readonly string[], width: number): { t: Date; label: string }[] {
  if (dates.length === 1) return [{ t: new Date(toTime(dates[0]!)), label: dates[0]! }];
  const [a, b] = x.domain() as [Date, Date];
  const spanDays = (b.getTime() - a.getTime()) / DAY;
  const format = utcFormat(spanDays > 3 * 365 ? '%Y' : spanDays > 120 ? '%Y-%m' : '%Y-%m-%d');
  const labelW = textWidth(format(a), FONT) + 12;
  const count = Math.max(2, Math.floor(width / (labelW + 16)));
  const raw = spanDays <= count ? utcDay.range(a, new Date(b.getTime() + 1)) : x.ticks(count);
  const out: { t: Date; label: string }[] = [];
  let lastRight = -Infinity;
  for (const t of raw) {
    if (t.getTime() % DAY !== 0) continue;
    const label = format(t);
    const cx = x(t);
    if (out.some((o) => o.label === label) || cx - labelW / 2 < lastRight) continue;
    out.push({ t, label });
    lastRight = cx + labelW / 2;
  }
  return out;
}

/** Moves label centres apart to at least `gap`, keeping them within [lo, hi] and as close to their wish as possible. */
function spread(wanted: number[], gap: number, lo: number, hi: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((p, q) => p.y - q.y);
  const ys = order.map((o) => Math.max(lo, Math.min(hi, o.y)));
  for (let k = 1; k < ys.length; k++) ys[k] = Math.max(ys[k]!, ys[k - 1]! + gap);
  if (ys.length && ys[ys.length - 1]! > hi) {
    ys[ys.length - 1] = hi;
    for (let k = ys.length - 2; k >= 0; k--) ys[k] = Math.min(ys[k]!, ys[k + 1]! - gap);
  }
  const out = new Array<number>(wanted.length);
  order.forEach((o, k) => (out[o.i] = ys[k]!));
  return out;
}

export const timelineChart: ChartBuilder = {
  title(data) {
    return `Match over time${data.timeline ? `: ${data.timeline.scenarioName}` : ''}`;
  },

  legend(data, _settings, theme) {
    return [
      ...data.parties.map((p) => ({ label: p.name, swatch: { kind: 'line' as const, color: p.color } })),
      { label: 'acceptable (filled)', swatch: { kind: 'dot', fill: theme.text } },
      { label: 'not acceptable (hollow)', swatch: { kind: 'glyph', text: '○', color: theme.text } },
      { label: 'red lines crossed', swatch: { kind: 'glyph', text: '✕', color: theme.danger } },
      ...(data.asOf ? [{ label: `as of ${data.asOf}`, swatch: { kind: 'line' as const, color: theme.muted, dash: '4 3', width: 1.5 } }] : []),
    ];
  },

  plotSize(data, _settings, width) {
    const w = width ?? AXIS_W + 520 + endLabelWidth(data);
    const labels = Math.max(1, data.parties.length) * 15 + TOP + AXIS_H;
    return { width: w, height: Math.max(240, Math.min(420, Math.round(w * 0.42)), labels) };
  },

  draw(plot, data, options) {
    const { theme } = options;
    const series = data.timeline;
    const g = plot.g;
    if (!series || series.dates.length === 0) {
      const msg = 'No dated statements: the scores do not change over time.';
      g.append('g')
        .attr('class', 'mark empty')
        .attr('role', 'img')
        .attr('aria-label', msg)
        .append('text')
        .attr('x', plot.x)
        .attr('y', plot.y + 20)
        .attr('fill', theme.muted)
        .text(fitText(msg, plot.width, 12));
      return;
    }
    const labelW = endLabelWidth(data);
    const x0 = plot.x + AXIS_W;
    const xEnd = plot.x + plot.width - labelW - GAP;
    const times = series.dates.map(toTime);
    const first = times[0]!;
    const last = times[times.length - 1]!;
    // The last change sits a little before the end: its step runs on to the edge, as it holds until today.
    const lastX = series.dates.length === 1 ? x0 : xEnd - Math.min(48, (xEnd - x0) * 0.1);
    const x = scaleUtc().domain([new Date(first), new Date(series.dates.length === 1 ? first + DAY : last)]).range([x0, series.dates.length === 1 ? xEnd : lastX]);
    const yTop = plot.y + TOP;
    const yBottom = plot.y + plot.height - AXIS_H;
    const y = scaleLinear().domain([0, 100]).range([yBottom, yTop]);
    const xs = times.map((t) => x(new Date(t)));

    const axis = g.append('g').attr('class', 'axis').attr('aria-hidden', 'true');
    for (const t of TICKS) {
      axis.append('line').attr('x1', x0).attr('x2', xEnd).attr('y1', y(t)).attr('y2', y(t)).attr('stroke', theme.grid).attr('stroke-dasharray', t === 0 || t === 100 ? null : '2 3');
      axis.append('text').attr('x', x0 - 6).attr('y', baseline(y(t), FONT)).attr('text-anchor', 'end').attr('font-size', FONT).attr('fill', theme.muted).text(t === 100 ? '100%' : String(t));
    }
    for (const tick of dateTicks(x, series.dates, xEnd - x0)) {
      const tx = x(tick.t);
      axis.append('line').attr('x1', tx).attr('x2', tx).attr('y1', yBottom).attr('y2', yBottom + 4).attr('stroke', theme.muted);
      axis.append('text').attr('x', tx).attr('y', yBottom + 16).attr('text-anchor', 'middle').attr('font-size', FONT).attr('fill', theme.muted).text(tick.label);
    }

    if (data.asOf) {
      const t = toTime(data.asOf);
      const ax = t >= last ? lastX : t <= first ? x0 : x(new Date(t));
      const mark = g.append('g').attr('class', 'as-of').attr('aria-hidden', 'true');
      mark.append('line').attr('x1', ax).attr('x2', ax).attr('y1', yTop - 6).attr('y2', yBottom).attr('stroke', theme.muted).attr('stroke-width', 1.5).attr('stroke-dasharray', '4 3');
    }

    // Each date is one column: hovering or focusing it shows every party's match then and what changed.
    const bands = g.append('g').attr('class', 'dates');
    series.dates.forEach((date, i) => {
      const left = i === 0 ? x0 : (xs[i - 1]! + xs[i]!) / 2;
      const right = i === series.dates.length - 1 ? xEnd : (xs[i]! + xs[i + 1]!) / 2;
      const label = timelineDateLabel(data, series, i);
      const band = bands
        .append('g')
        .attr('class', 'mark date')
        .attr('role', 'img')
        .attr('aria-label', label)
        .attr('data-date', date);
      band.append('title').text(label);
      band.append('rect').attr('class', 'band').attr('x', left).attr('y', yTop).attr('width', Math.max(1, right - left)).attr('height', yBottom - yTop).attr('fill', theme.text).attr('fill-opacity', 0);
    });

    const lines = g.append('g').attr('class', 'lines').attr('aria-hidden', 'true').attr('pointer-events', 'none');
    const path = line<{ x: number; m: number | null }>()
      .defined((d) => d.m !== null)
      .x((d) => d.x)
      .y((d) => y(d.m ?? 0))
      .curve(curveStepAfter);
    series.parties.forEach((s, j) => {
      const color = data.parties[j]?.color ?? theme.text;
      const pts = s.points.map((p, i) => ({ x: xs[i]!, m: p.match }));
      pts.push({ x: xEnd, m: s.points[s.points.length - 1]!.match });
      const pg = lines.append('g').attr('class', 'party').attr('data-party', s.party);
      pg.append('path').attr('d', path(pts) ?? '').attr('fill', 'none').attr('stroke', color).attr('stroke-width', 2.5);
      s.points.forEach((p, i) => {
        // A point where the party's score changes (or starts); between them the step line says it holds.
        const prev = s.points[i - 1];
        const changed = !prev || prev.match !== p.match || prev.acceptable !== p.acceptable || prev.redLines.length !== p.redLines.length;
        if (p.match === null || !changed) return;
        const cy = y(p.match);
        pg.append('circle')
          .attr('cx', xs[i]!)
          .attr('cy', cy)
          .attr('r', 4)
          .attr('fill', p.acceptable ? color : theme.background)
          .attr('stroke', color)
          .attr('stroke-width', 2);
        if (p.redLines.length) {
          pg.append('path').attr('d', crossPath(3.5)).attr('transform', `translate(${xs[i]!},${cy - 10})`).attr('stroke', theme.danger).attr('stroke-width', 2);
        }
      });
    });

    // A label at the end of every line: the party's name and its latest match.
    const ends = series.parties.map((s) => s.points[s.points.length - 1]!);
    const wanted = ends.map((p) => (p.match === null ? yBottom : y(p.match)));
    const placed = spread(wanted, 15, yTop, yBottom);
    const endG = g.append('g').attr('class', 'end-labels').attr('aria-hidden', 'true');
    series.parties.forEach((s, j) => {
      const party = data.parties[j];
      const name = party?.name ?? s.party;
      const value = matchText(ends[j]!.match);
      const nameText = fitText(name, labelW - textWidth(` ${value}`, FONT, true) - 4, FONT, true);
      const lg = endG.append('g');
      if (nameText !== name) lg.append('title').text(name);
      lg.append('text').attr('x', xEnd + GAP).attr('y', baseline(placed[j]!, FONT)).attr('font-size', FONT).attr('font-weight', 600).attr('fill', theme.text).text(`${nameText} ${value}`);
    });
  },

  csv(data) {
    const rows: CsvValue[][] = [['case', 'scenario', 'scenario_name', 'date', 'party', 'party_name', 'match', 'acceptable', 'red_lines_crossed', 'red_lines', 'changed_by']];
    const series = data.timeline;
    if (!series) return rows;
    series.dates.forEach((date, i) => {
      series.parties.forEach((s, j) => {
        const p = s.points[i]!;
        rows.push([data.caseId, series.scenario, series.scenarioName, date, s.party, data.parties[j]?.name ?? s.party, p.match, p.acceptable, p.redLines.length, p.redLines.join(';'), series.changes[i]!.join('; ')]);
      });
    });
    return rows;
  },
};

/** The timeline for the chart settings: the chosen scenario's, or the first compared one's. */
export function withTimeline(data: CompareData, c: Case, settings: ChartSettings): CompareData {
  const s = data.scenarios.find((x) => x.id === settings.scenario) ?? data.scenarios[0];
  return s ? { ...data, timeline: timelineSeries(c, s) } : data;
}
