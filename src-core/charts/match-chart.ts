// The live match chart: one horizontal bar per party on a 0–100 scale, the party's reservation as a
// tick, a red-line badge, "no basis" where there is none. Draws into any SVG element (browser or linkedom).
import { scaleLinear, select, type Selection } from 'd3';
// d3's bundle is marked side-effect free, which drops selection.transition(); import it for its side effect.
import 'd3-transition';
import { matchLabel, oneDecimal } from './format.ts';
import { LIGHT, type ChartTheme } from './palette.ts';
import { textWidth } from './text-metrics.ts';

export interface MatchBar {
  party: string;
  name: string;
  color: string;
  match: number | null;
  reservation: number;
  redLines: string[];
  acceptable: boolean;
  /** The p5–p95 range of the match from a robustness analysis (DESIGN.md §12), drawn across the bar when given. */
  range?: { p5: number; p95: number } | null;
}

export interface MatchChartOptions {
  width: number;
  theme?: ChartTheme;
  /** Transition length in ms; 0 (reduced motion, exports) sets the final state at once. */
  duration?: number;
  rowHeight?: number;
  labelWidth?: number;
  /** Bars take keyboard focus (the app); exports leave this off. */
  interactive?: boolean;
}

const MARGIN = { top: 26, right: 152, bottom: 8 };

export function matchChartHeight(bars: number, rowHeight = 40): number {
  return MARGIN.top + bars * rowHeight + MARGIN.bottom;
}

export function drawMatchChart(svgNode: SVGSVGElement, bars: readonly MatchBar[], options: MatchChartOptions): void {
  const theme = options.theme ?? LIGHT;
  const rowHeight = options.rowHeight ?? 40;
  const labelWidth = options.labelWidth ?? 150;
  const duration = options.duration ?? 0;
  const interactive = options.interactive ?? false;
  const width = Math.max(320, options.width);
  const height = matchChartHeight(bars.length, rowHeight);
  const x = scaleLinear().domain([0, 100]).range([labelWidth, width - MARGIN.right]);
  const barHeight = Math.min(22, rowHeight - 14);

  const svg = select(svgNode)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr('font-family', theme.font)
    .attr('font-size', 13)
    .attr('role', 'group');

  // Gridlines and the scale along the top.
  const grid = ensure(svg, 'g.grid');
  grid
    .selectAll<SVGGElement, number>('g.tick')
    .data([0, 25, 50, 75, 100])
    .join((enter) => {
      const g = enter.append('g').attr('class', 'tick').attr('aria-hidden', 'true');
      g.append('line');
      g.append('text');
      return g;
    })
    .attr('transform', (d) => `translate(${x(d)},0)`)
    .call((g) => g.select('line').attr('y1', MARGIN.top - 4).attr('y2', height - MARGIN.bottom).attr('stroke', theme.grid).attr('stroke-dasharray', (d) => (d === 0 || d === 100 ? null : '2 3')))
    .call((g) => g.select('text').attr('y', MARGIN.top - 10).attr('text-anchor', 'middle').attr('fill', theme.muted).attr('font-size', 11).text((d) => (d === 100 ? '100%' : String(d))));

  const rows = ensure(svg, 'g.rows')
    .selectAll<SVGGElement, MatchBar>('g.row')
    .data(bars, (d) => d.party)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'row').attr('role', 'img').attr('tabindex', interactive ? 0 : null);
      g.append('title');
      g.append('text').attr('class', 'name');
      g.append('rect').attr('class', 'track');
      g.append('rect').attr('class', 'bar').attr('width', 0).attr('x', labelWidth);
      g.append('text').attr('class', 'nobasis');
      g.append('line').attr('class', 'reservation');
      g.append('path').attr('class', 'range').attr('aria-hidden', 'true');
      g.append('text').attr('class', 'value');
      const badge = g.append('g').attr('class', 'badge');
      badge.append('rect');
      badge.append('text');
      return g;
    });

  rows
    .attr('transform', (_d, i) => `translate(0,${MARGIN.top + i * rowHeight})`)
    .attr('aria-label', (d) => matchLabel(d.name, d.match, d.redLines.length) + rangeText(d))
    .attr('data-party', (d) => d.party)
    .attr('data-match', (d) => (d.match === null ? '' : String(d.match)));
  rows.select('title').text((d) => `${matchLabel(d.name, d.match, d.redLines.length)}; reservation ${d.reservation}${d.acceptable ? '; acceptable' : ''}${d.redLines.length ? `; red lines: ${d.redLines.join(', ')}` : ''}${rangeText(d)}`);

  const midY = rowHeight / 2;
  rows
    .select('text.name')
    .attr('x', labelWidth - 10)
    .attr('y', midY)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .attr('fill', theme.text)
    .attr('font-weight', 600)
    .text((d) => truncate(d.name, Math.floor((labelWidth - 14) / 7.2)));
  rows
    .select('rect.track')
    .attr('x', labelWidth)
    .attr('y', midY - barHeight / 2)
    .attr('width', x(100) - labelWidth)
    .attr('height', barHeight)
    .attr('fill', theme.track)
    .attr('rx', 3);

  const bar = rows
    .select<SVGRectElement>('rect.bar')
    .attr('y', midY - barHeight / 2)
    .attr('height', barHeight)
    .attr('rx', 3)
    .attr('fill', (d) => d.color);
  const barWidth = (d: MatchBar) => (d.match === null ? 0 : Math.max(0, x(d.match) - labelWidth));
  (duration > 0 ? bar.transition().duration(duration) : bar).attr('width', barWidth);

  const noBasis = rows.select('text.nobasis').attr('y', midY).attr('dy', '0.35em').attr('fill', theme.muted).attr('font-style', 'italic');
  noBasis.each(function (d) {
    const place = d.match === null ? noBasisPlace(x(d.reservation), labelWidth, x(100)) : null;
    select(this).attr('x', place?.x ?? labelWidth + 8).text(place?.text ?? '');
  });

  rows
    .select('line.reservation')
    .attr('x1', (d) => x(d.reservation))
    .attr('x2', (d) => x(d.reservation))
    .attr('y1', midY - barHeight / 2 - 5)
    .attr('y2', midY + barHeight / 2 + 5)
    .attr('stroke', theme.text)
    .attr('stroke-width', 2)
    .append('title');
  rows.select('line.reservation title').text((d) => `reservation ${d.reservation}`);

  const cap = barHeight * 0.4;
  rows
    .select('path.range')
    .attr('display', (d) => (d.range ? null : 'none'))
    .attr('d', (d) => (d.range ? `M${x(d.range.p5)},${midY}H${x(d.range.p95)}M${x(d.range.p5)},${midY - cap}V${midY + cap}M${x(d.range.p95)},${midY - cap}V${midY + cap}` : null))
    .attr('stroke', theme.text)
    .attr('stroke-width', 1.6)
    .attr('fill', 'none');

  const value = rows
    .select<SVGTextElement>('text.value')
    .attr('y', midY)
    .attr('dy', '0.35em')
    .attr('x', x(100) + 8)
    .attr('fill', theme.text)
    .attr('font-weight', 700)
    .attr('font-variant-numeric', 'tabular-nums')
    .text((d) => (d.match === null ? '—' : `${oneDecimal(d.match)}%`));
  value.attr('aria-hidden', 'true');

  const badge = rows.select<SVGGElement>('g.badge').attr('transform', `translate(${x(100) + 60},${midY - 10})`).attr('display', (d) => (d.redLines.length ? null : 'none'));
  badge.select('rect').attr('width', 88).attr('height', 20).attr('rx', 10).attr('fill', 'none').attr('stroke', theme.danger).attr('stroke-width', 1.5);
  badge
    .select('text')
    .attr('x', 44)
    .attr('y', 10)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'middle')
    .attr('fill', theme.danger)
    .attr('font-size', 11)
    .attr('font-weight', 700)
    .text((d) => `✕ ${d.redLines.length} red line${d.redLines.length === 1 ? '' : 's'}`);
}

/** "; plausible range 40–63% (p5–p95)" for a bar with a range. */
const rangeText = (d: MatchBar) => (d.range ? `; plausible range ${oneDecimal(d.range.p5)}–${oneDecimal(d.range.p95)}% (p5–p95)` : '');

const NO_BASIS_TEXTS = ['no basis — decides no issue it has a stake in', 'no basis'];

/** Where "no basis" goes in an empty track: wholly before the reservation tick, else wholly after it. */
function noBasisPlace(tick: number, start: number, end: number): { x: number; text: string } | null {
  for (const text of NO_BASIS_TEXTS) {
    const w = textWidth(text, 13);
    if (start + 8 + w <= tick - 4) return { x: start + 8, text };
    if (tick + 6 + w <= end - 2) return { x: tick + 6, text };
  }
  return null;
}

function ensure(parent: Selection<SVGSVGElement, unknown, null, undefined>, selector: string) {
  const [tag, cls] = selector.split('.') as [string, string];
  const found = parent.select<SVGGElement>(selector);
  return found.empty() ? parent.append<SVGGElement>(tag).attr('class', cls) : found;
}

export function truncate(text: string, max: number): string {
  return [...text].length <= max ? text : `${[...text].slice(0, Math.max(1, max - 1)).join('')}…`;
}
