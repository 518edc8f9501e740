// The comparison charts: one builder per kind, drawn with d3 into any SVG element (the app's, or a
// linkedom document's in Node for exports), and the numbers behind each chart as CSV.
import { select } from 'd3';
import { csvText } from '../csv.ts';
import { breakdown } from './breakdown.ts';
import type { ChartKind } from './chart-kinds.ts';
import { drawFrame, frameInsets, PAD, subtitle, type ChartBuilder, type ChartOptions, type ChartSettings } from './chart-frame.ts';
import type { CompareData } from './compare-data.ts';
import { groupedBars, rangeBars } from './grouped-bars.ts';
import { heatmap } from './heatmap.ts';
import { radar } from './radar.ts';
import { scatter } from './scatter.ts';
import { LIGHT } from './palette.ts';
import { textWidth } from './text-metrics.ts';
import { tornado } from './tornado.ts';

export { CHART_FORMATS, CHART_KINDS, CHART_KIND_LABELS, COMPARE_KINDS, isRobustnessKind, MAX_COMPARED, ROBUSTNESS_KINDS, SORT_KEYS, SORT_KEY_LABELS, type ChartFormat, type ChartKind, type CompareKind, type SortKey } from './chart-kinds.ts';
export type { ChartOptions, ChartSettings } from './chart-frame.ts';

const BUILDERS: Record<ChartKind, ChartBuilder> = { heatmap, bars: groupedBars, radar, scatter, breakdown, ranges: rangeBars, tornado };

/** Problems with the chart settings for this data (unknown party or scenario ids), each naming the id. */
export function chartSettingsErrors(data: CompareData, settings: ChartSettings): string[] {
  const errors: string[] = [];
  const partyIds = data.parties.map((p) => p.id);
  for (const id of settings.parties ?? []) {
    if (!partyIds.includes(id)) errors.push(`"${id}" is not a party of case "${data.caseId}" (parties: ${partyIds.join(', ')})`);
  }
  if (settings.scenario !== undefined && !data.scenarios.some((s) => s.id === settings.scenario)) {
    errors.push(`"${settings.scenario}" is not one of the compared scenarios (${data.scenarios.map((s) => s.id).join(', ') || 'none'})`);
  }
  return errors;
}

export function chartTitle(kind: ChartKind, data: CompareData, settings: ChartSettings): string {
  return BUILDERS[kind].title(data, settings);
}

/** Clears `svg` and draws the chart at options.width × options.height. */
export function drawChart(svgNode: SVGSVGElement, kind: ChartKind, data: CompareData, options: ChartOptions): void {
  const errors = chartSettingsErrors(data, options);
  if (errors.length) throw new Error(`cannot draw the ${kind} chart: ${errors.join('; ')}`);
  const builder = BUILDERS[kind];
  const { width, height, theme } = options;
  const title = builder.title(data, options);
  const svg = select(svgNode);
  svg.selectAll('*').remove();
  svg
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'group')
    .attr('aria-label', `${title}. ${subtitle(data)}`)
    .attr('font-family', theme.font)
    .attr('font-size', 12)
    .attr('data-kind', kind);
  const plot = drawFrame(svg, data, title, builder.legend(data, options, theme), options);
  if (data.scenarios.length === 0 || data.parties.length === 0) {
    plot.g
      .append('text')
      .attr('x', plot.x)
      .attr('y', plot.y + 20)
      .attr('fill', theme.muted)
      .text(data.parties.length === 0 ? 'This case has no parties.' : 'No scenarios to compare.');
    return;
  }
  builder.draw(plot, data, options);
}

/** The numbers behind a chart, unrounded, as CSV (one row per drawn value). */
export function chartCsv(kind: ChartKind, data: CompareData, settings: ChartSettings): string {
  const errors = chartSettingsErrors(data, settings);
  if (errors.length) throw new Error(`cannot tabulate the ${kind} chart: ${errors.join('; ')}`);
  return csvText(BUILDERS[kind].csv(data, settings));
}

/**
 * The size at which the chart shows every label without overlap, for these parties and scenarios;
 * given a width, the height that suits it.
 */
export function defaultChartSize(kind: ChartKind, data: CompareData, settings: ChartSettings = {}, width?: number): { width: number; height: number } {
  const builder = BUILDERS[kind];
  let w = width;
  if (w === undefined) {
    const plot = builder.plotSize(data, settings);
    const title = builder.title(data, settings);
    const wanted = Math.max(textWidth(title, 16, true), textWidth(subtitle(data), 12)) + 2 * PAD;
    w = Math.ceil(Math.max(plot.width + 2 * PAD, Math.min(wanted, 900)));
  }
  const plot = builder.plotSize(data, settings, w - 2 * PAD);
  const { top, bottom } = frameInsets(builder.legend(data, settings, LIGHT), w, data, settings);
  return { width: w, height: Math.ceil(top + plot.height + bottom) };
}
