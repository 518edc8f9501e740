// "Why this score": for one party, each issue's share of the match. A row's full length is the issue's
// weight (its salience share); the solid part is what the scenario earns there, the hatched part what it loses.
// Its key is the app's to show (as wrapping HTML text, so a narrow window never cuts it).
import { scaleLinear, select } from 'd3';
import { oneDecimal } from './format.ts';
import { truncate } from './match-chart.ts';
import { LIGHT, type ChartTheme } from './palette.ts';

export interface ContributionRow {
  issue: string;
  issueName: string;
  optionLabel: string | null;
  stance: string | null;
  salience: number;
  contribution: number;
  loss: number;
  redLine: boolean;
}

export interface ContributionChartOptions {
  width: number;
  color: string;
  theme?: ChartTheme;
  rowHeight?: number;
  labelWidth?: number;
  /** Pattern ids must be unique in a document. */
  idPrefix?: string;
}

const TOP = 4;

export function contributionRowLabel(r: ContributionRow): string {
  if (r.optionLabel === null) return `${r.issueName}: open, not counted (salience ${r.salience})`;
  const stance = r.stance ? r.stance.replace('_', ' ') : 'not stated';
  return `${r.issueName}: ${r.optionLabel} — ${stance}${r.redLine ? ' (red line)' : ''}, salience ${r.salience}, adds ${oneDecimal(r.contribution)} points, loses ${oneDecimal(r.loss)}`;
}

export function drawContributionChart(svgNode: SVGSVGElement, rows: readonly ContributionRow[], options: ContributionChartOptions): void {
  const theme = options.theme ?? LIGHT;
  const rowHeight = options.rowHeight ?? 30;
  const labelWidth = options.labelWidth ?? 200;
  const width = Math.max(320, options.width);
  const height = TOP + rows.length * rowHeight + 6;
  const maxShare = Math.max(1, ...rows.map((r) => r.contribution + r.loss));
  const x = scaleLinear().domain([0, maxShare]).range([labelWidth, width - 64]);
  const prefix = options.idPrefix ?? 'contrib';
  const barH = Math.min(18, rowHeight - 10);

  const svg = select(svgNode).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height).attr('font-family', theme.font).attr('font-size', 12).attr('role', 'group');
  svg.selectAll('*').remove();

  const defs = svg.append('defs');
  defs
    .append('pattern')
    .attr('id', `${prefix}-loss`)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternTransform', 'rotate(45)')
    .call((p) => p.append('rect').attr('width', 6).attr('height', 6).attr('fill', theme.track))
    .call((p) => p.append('line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 6).attr('stroke', theme.muted).attr('stroke-width', 1.5));

  const row = svg
    .append('g')
    .selectAll('g')
    .data(rows)
    .join('g')
    .attr('class', 'row')
    .attr('data-issue', (d) => d.issue)
    .attr('role', 'img')
    .attr('tabindex', 0)
    .attr('aria-label', contributionRowLabel)
    .attr('transform', (_d, i) => `translate(0,${TOP + i * rowHeight})`);
  row.append('title').text(contributionRowLabel);
  const mid = rowHeight / 2;
  row
    .append('text')
    .attr('x', labelWidth - 8)
    .attr('y', mid)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .attr('fill', theme.text)
    .text((d) => truncate(d.issueName, Math.floor((labelWidth - 12) / 6.2)));
  row
    .append('rect')
    .attr('class', 'earned')
    .attr('x', labelWidth)
    .attr('y', mid - barH / 2)
    .attr('height', barH)
    .attr('width', (d) => x(d.contribution) - labelWidth)
    .attr('fill', options.color);
  row
    .append('rect')
    .attr('class', 'lost')
    .attr('x', (d) => x(d.contribution))
    .attr('y', mid - barH / 2)
    .attr('height', barH)
    .attr('width', (d) => x(d.contribution + d.loss) - x(d.contribution))
    .attr('fill', `url(#${prefix}-loss)`)
    .attr('stroke', theme.muted)
    .attr('stroke-width', 0.5);
  row
    .append('text')
    .attr('x', (d) => x(d.contribution + d.loss) + 6)
    .attr('y', mid)
    .attr('dy', '0.35em')
    .attr('fill', (d) => (d.redLine ? theme.danger : theme.muted))
    .attr('font-weight', (d) => (d.redLine ? 700 : 400))
    .attr('font-variant-numeric', 'tabular-nums')
    .text((d) => (d.optionLabel === null ? 'open' : d.redLine ? `✕ +${oneDecimal(d.contribution)}` : `+${oneDecimal(d.contribution)}`));
}
