// The negotiation history (DESIGN.md §13 debrief), as in classic negotiation-support systems: each role's
// match of each offer, offer after offer, over the rounds. One line per role in its colour AND its own dash
// and marker shape (never colour alone); a filled marker is an offer acceptable to that role, a hollow one is
// not, an ✕ beside it a crossed red line; each reservation a thin dashed line labelled at the right; the
// agreement marked. Every marker carries its numbers as an accessible name. Draws into any SVG element.
import { scaleLinear, select, symbol, symbolCircle, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, type SymbolType } from 'd3';
import type { Debrief } from '../classroom/debrief.ts';
import { csvText } from '../csv.ts';
import { baseline, crossPath, labelText, PAD, type Group } from './chart-frame.ts';
import { oneDecimal } from './format.ts';
import { LIGHT, type ChartTheme } from './palette.ts';
import { fitText, textWidth } from './text-metrics.ts';

export interface HistoryChartOptions {
  width: number;
  height?: number;
  theme?: ChartTheme;
}

const SHAPES: readonly SymbolType[] = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolWye, symbolStar];
const SHAPE_NAMES = ['circle', 'square', 'triangle', 'diamond', 'Y', 'star'];
const DASHES: readonly (string | null)[] = [null, '7 4', '2 3', '9 3 2 3', '4 4', '12 4'];
const LEGEND_FONT = 11;
const LEGEND_ROW = 18;
const LEFT = 44;
const RIGHT = 168;
const BOTTOM = 46;

const dashOf = (i: number) => DASHES[i % DASHES.length] ?? null;

export const historyShape = (i: number) => SHAPE_NAMES[i % SHAPE_NAMES.length]!;
export const historyChartTitle = 'Negotiation history: each role’s match of each offer';
export const defaultHistoryHeight = (d: Debrief, width: number) => 300 + legendRows(d, width) * LEGEND_ROW + (d.offers.length > 0 ? 0 : -80);

function legendItems(d: Debrief): string[] {
  return d.parties.map((p) => `${p.name} (reservation ${oneDecimal(p.reservation)})`);
}

function legendRows(d: Debrief, width: number): number {
  let rows = 1;
  let x = PAD;
  for (const label of [...legendItems(d), ...KEY]) {
    const w = 30 + textWidth(label, LEGEND_FONT) + 16;
    if (x > PAD && x + w > width - PAD) {
      rows++;
      x = PAD;
    }
    x += w;
  }
  return rows;
}

const KEY = ['filled: acceptable to that role', 'hollow: not acceptable', 'crosses a red line of that role'];

/** The accessible name of one marker: the offer, the role and its verdict, in words. */
export function offerLabel(d: Debrief, offer: Debrief['offers'][number], partyIndex: number): string {
  const p = d.parties[partyIndex]!;
  const s = offer.scores[partyIndex]!;
  const who = d.parties.find((x) => x.id === offer.proposer)?.name ?? offer.proposer;
  const verdict = s.match === null ? 'no basis' : `${oneDecimal(s.match)}% match, ${s.redLines.length ? `${s.redLines.length} red line${s.redLines.length > 1 ? 's' : ''} crossed` : s.acceptable ? 'acceptable' : 'below its reservation'}`;
  return `Offer ${offer.number} (round ${offer.round}, proposed by ${who}${offer.agreed ? ', the agreement' : ''}) — ${p.name}: ${verdict}`;
}

export function drawHistoryChart(svgNode: SVGSVGElement, d: Debrief, options: HistoryChartOptions): void {
  const theme = options.theme ?? LIGHT;
  const width = Math.max(420, options.width);
  const height = options.height ?? defaultHistoryHeight(d, width);
  const svg = select(svgNode);
  svg.selectAll('*').remove();
  svg
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr('font-family', theme.font)
    .attr('role', 'group')
    .attr('aria-label', `${historyChartTitle}. ${summary(d)}`);
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', theme.background);
  const header = svg.append('g').attr('aria-hidden', 'true');
  labelText(header, historyChartTitle, PAD, 26, width - 2 * PAD, 16, true).attr('fill', theme.text);
  labelText(header, `${d.simulation.title} · ${summary(d)}`, PAD, 46, width - 2 * PAD, 12).attr('fill', theme.muted);
  const top = drawLegend(svg.append('g').attr('aria-hidden', 'true') as unknown as Group, d, width, theme);

  const plot = { x: LEFT + PAD, y: top + 18, w: width - 2 * PAD - LEFT - RIGHT, h: height - top - 18 - BOTTOM };
  const y = scaleLinear().domain([0, 100]).range([plot.y + plot.h, plot.y]);
  const n = d.offers.length;
  const step = n > 0 ? plot.w / n : plot.w;
  const x = (i: number) => plot.x + step * (i + 0.5);
  const g = svg.append('g').attr('class', 'plot') as unknown as Group;

  drawRounds(g, d, plot, step, theme);
  const axis = g.append('g').attr('aria-hidden', 'true');
  for (const t of [0, 25, 50, 75, 100]) {
    axis.append('line').attr('x1', plot.x).attr('x2', plot.x + plot.w).attr('y1', y(t)).attr('y2', y(t)).attr('stroke', theme.grid).attr('stroke-dasharray', t === 0 || t === 100 ? null : '2 3');
    axis.append('text').attr('x', plot.x - 6).attr('y', baseline(y(t), 11)).attr('text-anchor', 'end').attr('font-size', 11).attr('fill', theme.muted).text(String(t));
  }
  labelText(axis, 'match %', 0, 0, plot.h, 11, true).attr('text-anchor', 'middle').attr('fill', theme.text).attr('transform', `translate(${PAD + 10},${plot.y + plot.h / 2}) rotate(-90)`);
  drawReservations(g, d, plot, y, theme);

  if (n === 0) {
    g.append('text').attr('x', plot.x + plot.w / 2).attr('y', plot.y + plot.h / 2).attr('text-anchor', 'middle').attr('font-size', 13).attr('fill', theme.muted).text('No offer has been made yet.');
    return;
  }
  d.offers.forEach((o, i) => {
    const who = d.parties.find((p) => p.id === o.proposer)?.name ?? o.proposer;
    labelText(axis, `#${o.number}`, x(i), plot.y + plot.h + 15, step - 4, 11, o.agreed).attr('text-anchor', 'middle').attr('fill', theme.text);
    labelText(axis, who, x(i), plot.y + plot.h + 29, step - 4, 10).attr('text-anchor', 'middle').attr('fill', theme.muted);
  });
  const agreed = d.offers.findIndex((o) => o.agreed);
  if (agreed >= 0) {
    const a = g.append('g').attr('aria-hidden', 'true');
    a.append('line').attr('x1', x(agreed)).attr('x2', x(agreed)).attr('y1', plot.y + 18).attr('y2', plot.y + plot.h).attr('stroke', theme.ok).attr('stroke-width', 2);
    // Beside the line, below the round names; on the left of it when it is the last offer of several.
    const left = agreed === n - 1 && n > 1;
    a.append('text').attr('x', x(agreed) + (left ? -5 : 5)).attr('y', plot.y + 30).attr('text-anchor', left ? 'end' : 'start').attr('font-size', 11).attr('font-weight', 700).attr('fill', theme.ok).text('Agreement');
  }

  d.parties.forEach((p, pi) => {
    const series = g.append('g').attr('class', 'series').attr('data-party', p.id);
    const points = d.offers.map((o, i) => ({ o, i, m: o.scores[pi]!.match }));
    const path = points
      .filter((q) => q.m !== null)
      .map((q, k) => `${k ? 'L' : 'M'}${x(q.i)},${y(q.m!)}`)
      .join('');
    series.append('path').attr('d', path).attr('fill', 'none').attr('stroke', p.color).attr('stroke-width', 2.5).attr('stroke-dasharray', dashOf(pi)).attr('aria-hidden', 'true');
    const shape = symbol(SHAPES[pi % SHAPES.length]!, 70);
    for (const q of points) {
      if (q.m === null) continue;
      const s = q.o.scores[pi]!;
      const mark = series.append('g').attr('class', 'mark').attr('role', 'img').attr('aria-label', offerLabel(d, q.o, pi)).attr('data-offer', q.o.number).attr('data-match', q.m).attr('transform', `translate(${x(q.i)},${y(q.m)})`);
      mark.append('title').text(offerLabel(d, q.o, pi));
      mark.append('path').attr('d', shape()).attr('fill', s.acceptable ? p.color : theme.background).attr('stroke', p.color).attr('stroke-width', 2);
      if (s.redLines.length) mark.append('path').attr('d', crossPath(3.5)).attr('transform', 'translate(9,-9)').attr('stroke', theme.danger).attr('stroke-width', 2);
    }
  });
}

function summary(d: Debrief): string {
  const rounds = new Set(d.offers.map((o) => o.round)).size;
  const offers = `${d.offers.length} offer${d.offers.length === 1 ? '' : 's'} over ${rounds} round${rounds === 1 ? '' : 's'}`;
  const agreed = d.offers.find((o) => o.agreed);
  return agreed ? `${offers}; offer ${agreed.number} became the agreement` : `${offers}; no agreement`;
}

/** Returns the y below the legend. */
function drawLegend(g: Group, d: Debrief, width: number, theme: ChartTheme): number {
  let x = PAD;
  let row = 0;
  const place = (label: string, draw: (item: Group, cx: number, cy: number) => void) => {
    const shown = fitText(label, width - 2 * PAD - 36, LEGEND_FONT);
    const w = 30 + textWidth(shown, LEGEND_FONT) + 16;
    if (x > PAD && x + w > width - PAD) {
      row++;
      x = PAD;
    }
    const cy = 66 + row * LEGEND_ROW;
    const item = g.append('g');
    draw(item, x, cy);
    item.append('text').attr('x', x + 30).attr('y', baseline(cy, LEGEND_FONT)).attr('font-size', LEGEND_FONT).attr('fill', theme.text).text(shown);
    x += w;
  };
  legendItems(d).forEach((label, pi) => {
    const color = d.parties[pi]!.color;
    place(label, (item, x0, cy) => {
      item.append('line').attr('x1', x0).attr('x2', x0 + 24).attr('y1', cy).attr('y2', cy).attr('stroke', color).attr('stroke-width', 2.5).attr('stroke-dasharray', dashOf(pi));
      item.append('path').attr('d', symbol(SHAPES[pi % SHAPES.length]!, 50)()).attr('transform', `translate(${x0 + 12},${cy})`).attr('fill', color).attr('stroke', color);
    });
  });
  place(KEY[0]!, (item, x0, cy) => item.append('circle').attr('cx', x0 + 12).attr('cy', cy).attr('r', 4.5).attr('fill', theme.text).attr('stroke', theme.text));
  place(KEY[1]!, (item, x0, cy) => item.append('circle').attr('cx', x0 + 12).attr('cy', cy).attr('r', 4.5).attr('fill', 'none').attr('stroke', theme.text).attr('stroke-width', 2));
  place(KEY[2]!, (item, x0, cy) => item.append('path').attr('d', crossPath(4)).attr('transform', `translate(${x0 + 12},${cy})`).attr('stroke', theme.danger).attr('stroke-width', 2));
  return 66 + row * LEGEND_ROW + 8;
}

type Plot = { x: number; y: number; w: number; h: number };

/** Alternate rounds are shaded and named along the top, so offers read as grouped by round. */
function drawRounds(g: Group, d: Debrief, plot: Plot, step: number, theme: ChartTheme): void {
  const bands = g.append('g').attr('aria-hidden', 'true');
  let start = 0;
  for (let i = 1; i <= d.offers.length; i++) {
    if (i < d.offers.length && d.offers[i]!.round === d.offers[start]!.round) continue;
    const round = d.offers[start]!.round;
    const x0 = plot.x + start * step;
    const w = (i - start) * step;
    if (round % 2 === 0) bands.append('rect').attr('x', x0).attr('y', plot.y).attr('width', w).attr('height', plot.h).attr('fill', theme.track);
    labelText(bands, `Round ${round}`, x0 + w / 2, plot.y + 12, w - 4, 10, true).attr('text-anchor', 'middle').attr('fill', theme.muted);
    start = i;
  }
}

/** Reservations as thin dashed lines, labelled in the right margin, labels nudged apart where they would touch. */
function drawReservations(g: Group, d: Debrief, plot: Plot, y: (v: number) => number, theme: ChartTheme): void {
  const res = g.append('g').attr('aria-hidden', 'true');
  const labels = d.parties.map((p, pi) => ({ p, pi, y: y(p.reservation) })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < labels.length; k++) labels[k]!.y = Math.max(labels[k]!.y, labels[k - 1]!.y + 13);
  for (const { p, pi, y: ly } of labels) {
    res.append('line').attr('x1', plot.x).attr('x2', plot.x + plot.w).attr('y1', y(p.reservation)).attr('y2', y(p.reservation)).attr('stroke', p.color).attr('stroke-width', 1.2).attr('stroke-dasharray', '3 4').attr('opacity', 0.9);
    res.append('path').attr('d', symbol(SHAPES[pi % SHAPES.length]!, 30)()).attr('transform', `translate(${plot.x + plot.w + 8},${ly})`).attr('fill', p.color);
    labelText(res, `${p.name} needs ${oneDecimal(p.reservation)}`, plot.x + plot.w + 15, baseline(ly, 10), RIGHT - 18, 10).attr('fill', theme.text);
  }
}

/** The chart's numbers: one row per offer and role. */
export function historyCsv(d: Debrief): string {
  const rows = d.offers.flatMap((o) =>
    d.parties.map((p, pi) => {
      const s = o.scores[pi]!;
      return [o.number, o.round, o.proposer, o.agreed, p.id, s.match, p.reservation, s.acceptable, s.redLines.join(' ')];
    }),
  );
  return csvText([['offer', 'round', 'proposer', 'agreement', 'role', 'match', 'reservation', 'acceptable', 'red_lines'], ...rows]);
}
