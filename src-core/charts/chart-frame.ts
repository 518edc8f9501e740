// What every comparison chart has around its plot: a background in the theme's colour, the title, the
// subtitle (case and as-of date), the legend and the source line. Also the shared vocabulary of the
// chart builders (options, builder interface, plot area) and the hatch pattern that marks red lines.
import type { Selection } from 'd3';
import type { CsvValue } from '../csv.ts';
import type { SortKey } from './chart-kinds.ts';
import type { CompareData } from './compare-data.ts';
import type { ChartTheme } from './palette.ts';
import { fitText, lineHeight, textWidth, wrapText } from './text-metrics.ts';

export interface ChartOptions {
  width: number;
  height: number;
  theme: ChartTheme;
  /** scatter: x and y party ids (default: the first two parties). */
  parties?: [string, string];
  /** breakdown: scenario id (default: the first). */
  scenario?: string;
  /** heatmap row order (default 'none' = the given order). */
  sortBy?: SortKey;
  /** scatter: the exact frontier of all packages between the two parties (DESIGN §11), as (x, y) matches. */
  frontier?: readonly (readonly [number, number])[];
  /** Keeps <pattern> ids unique when several charts share a page. */
  idPrefix?: string;
  /** The footnote saying what the match means (default true); a report that says it once leaves it out. */
  footnote?: boolean;
}

export type ChartSettings = Omit<ChartOptions, 'width' | 'height' | 'theme'>;

export type Root = Selection<SVGSVGElement, unknown, null, undefined>;
export type Group = Selection<SVGGElement, unknown, null, undefined>;

export type Swatch =
  | { kind: 'box'; fill: string; stroke?: string; opacity?: number }
  | { kind: 'line'; color: string; dash?: string; width?: number }
  | { kind: 'glyph'; text: string; color: string }
  | { kind: 'dot'; fill: string }
  | { kind: 'tick'; color: string }
  | { kind: 'ramp'; colors: string[] };

export interface LegendItem {
  label: string;
  swatch: Swatch;
}

export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The group to draw the plot into. */
  g: Group;
  defs: Selection<SVGDefsElement, unknown, null, undefined>;
  prefix: string;
}

/** One chart kind: its title and legend (which size the frame), its drawing, its size and its numbers. */
export interface ChartBuilder {
  title(data: CompareData, settings: ChartSettings): string;
  legend(data: CompareData, settings: ChartSettings, theme: ChartTheme): LegendItem[];
  draw(plot: PlotArea, data: CompareData, options: ChartOptions): void;
  /**
   * The plot's own size at which nothing overlaps (the frame is added around it); given a plot width,
   * the height that suits that width.
   */
  plotSize(data: CompareData, settings: ChartSettings, width?: number): { width: number; height: number };
  csv(data: CompareData, settings: ChartSettings): CsvValue[][];
}

export const PAD = 16;
const TITLE_Y = 26;
const SUBTITLE_Y = 46;
const LEGEND_Y = 66;
const LEGEND_ROW = 18;
const LEGEND_FONT = 11;
const SOURCE_FONT = 10;
const SOURCE_LINE = 13;
const RAMP_WIDTH = 64;
const LEGEND_LABEL_MAX = 320;

export function subtitle(data: CompareData): string {
  return `${data.caseTitle} · ${data.asOf ? `positions as of ${data.asOf}` : 'latest positions'}`;
}

/** What a match is, in words a reader of a report understands without the app. */
export const MATCH_MEANING =
  "Match (0–100%): how well the scenario's terms meet the positions a party has stated, issue by issue, weighted by how much each issue matters to it; 100% = every issue settled as the party demands.";

/** The chart's footnote: what the match means, and whose positions as of when. */
export function sourceLine(data: CompareData): string {
  return `${MATCH_MEANING} Positions as stated in “${data.caseTitle}”, ${data.asOf ? `as of ${data.asOf}` : 'the latest of each'}.`;
}

/** The footnote broken into lines that fit the chart's width. */
const sourceLines = (data: CompareData, width: number) => wrapText(sourceLine(data), width - 2 * PAD, SOURCE_FONT, false, 6).lines;

const swatchWidth = (s: Swatch) => (s.kind === 'ramp' ? RAMP_WIDTH : s.kind === 'line' ? 22 : 14);

interface PlacedItem {
  item: LegendItem;
  x: number;
  /** The y of the row's first line. */
  y: number;
  lines: string[];
  cut: boolean;
}

/** Legend items left to right in rows; a long label takes two lines (and its row grows) before it is cut. */
function layoutLegend(items: readonly LegendItem[], width: number): { placed: PlacedItem[]; height: number } {
  const placed: PlacedItem[] = [];
  const right = width - PAD;
  let x = PAD;
  let y = LEGEND_Y;
  let rowLines = 1;
  for (const item of items) {
    const { lines, cut } = wrapText(item.label, Math.min(LEGEND_LABEL_MAX, right - PAD - swatchWidth(item.swatch) - 6), LEGEND_FONT);
    const w = swatchWidth(item.swatch) + 6 + Math.max(...lines.map((l) => textWidth(l, LEGEND_FONT)));
    if (x > PAD && x + w > right) {
      y += LEGEND_ROW + (rowLines - 1) * lineHeight(LEGEND_FONT);
      x = PAD;
      rowLines = 1;
    }
    placed.push({ item, x, y, lines, cut });
    rowLines = Math.max(rowLines, lines.length);
    x += w + 16;
  }
  const height = items.length ? y - LEGEND_Y + LEGEND_ROW + (rowLines - 1) * lineHeight(LEGEND_FONT) : 0;
  return { placed, height };
}

/** Space the frame takes above and below the plot at a given width. */
export function frameInsets(legend: readonly LegendItem[], width: number, data: CompareData, settings: ChartSettings): { top: number; bottom: number } {
  const { height } = layoutLegend(legend, width);
  return { top: height ? LEGEND_Y + height + 2 : SUBTITLE_Y + 16, bottom: settings.footnote === false ? PAD : 17 + sourceLines(data, width).length * SOURCE_LINE };
}

/** Draws the frame into a cleared root and returns the area left for the plot. */
export function drawFrame(svg: Root, data: CompareData, title: string, legend: readonly LegendItem[], options: ChartOptions): PlotArea {
  const { width, height, theme } = options;
  const prefix = options.idPrefix ?? 'chart';
  const defs = svg.append('defs');
  svg.append('rect').attr('class', 'background').attr('width', width).attr('height', height).attr('fill', theme.background);

  const header = svg.append('g').attr('class', 'header');
  labelText(header, title, PAD, TITLE_Y, width - 2 * PAD, 16, true).attr('fill', theme.text);
  labelText(header, subtitle(data), PAD, SUBTITLE_Y, width - 2 * PAD, 12).attr('fill', theme.muted);

  const { placed } = layoutLegend(legend, width);
  const legendG = svg.append('g').attr('class', 'legend');
  for (const p of placed) {
    const item = legendG.append('g').attr('class', 'legend-item');
    drawSwatch(item, p.item.swatch, p.x, p.y, theme);
    p.lines.forEach((line, k) => {
      item
        .append('text')
        .attr('x', p.x + swatchWidth(p.item.swatch) + 6)
        .attr('y', baseline(p.y, LEGEND_FONT) + k * lineHeight(LEGEND_FONT))
        .attr('font-size', LEGEND_FONT)
        .attr('fill', theme.text)
        .text(line);
    });
    if (p.cut) item.append('title').text(p.item.label);
  }

  const lines = options.footnote === false ? [] : sourceLines(data, width);
  const source = svg.append('g').attr('class', 'source');
  lines.forEach((line, k) => {
    source
      .append('text')
      .attr('x', PAD)
      .attr('y', height - 11 - (lines.length - 1 - k) * SOURCE_LINE)
      .attr('font-size', SOURCE_FONT)
      .attr('fill', theme.muted)
      .text(line);
  });

  const { top, bottom } = frameInsets(legend, width, data, options);
  const g = svg.append('g').attr('class', 'plot');
  return { x: PAD, y: top, width: width - 2 * PAD, height: Math.max(40, height - top - bottom), g, defs, prefix };
}

function drawSwatch(g: Group, s: Swatch, x: number, cy: number, theme: ChartTheme): void {
  switch (s.kind) {
    case 'box':
      g.append('rect').attr('x', x).attr('y', cy - 6).attr('width', 14).attr('height', 12).attr('rx', 2).attr('fill', s.fill).attr('fill-opacity', s.opacity ?? null).attr('stroke', s.stroke ?? 'none');
      break;
    case 'line':
      g.append('line').attr('x1', x).attr('x2', x + 22).attr('y1', cy).attr('y2', cy).attr('stroke', s.color).attr('stroke-width', s.width ?? 2.5).attr('stroke-dasharray', s.dash ?? null);
      break;
    case 'tick':
      g.append('line').attr('x1', x + 7).attr('x2', x + 7).attr('y1', cy - 7).attr('y2', cy + 7).attr('stroke', s.color).attr('stroke-width', 2);
      break;
    case 'dot':
      g.append('circle').attr('cx', x + 7).attr('cy', cy).attr('r', 5).attr('fill', s.fill);
      break;
    case 'glyph':
      g.append('text').attr('x', x + 7).attr('y', baseline(cy, 13)).attr('text-anchor', 'middle').attr('font-size', 13).attr('font-weight', 700).attr('fill', s.color).text(s.text);
      break;
    case 'ramp': {
      const w = RAMP_WIDTH / s.colors.length;
      s.colors.forEach((c, i) => g.append('rect').attr('x', x + i * w).attr('y', cy - 6).attr('width', w + 0.5).attr('height', 12).attr('fill', c));
      g.append('rect').attr('x', x).attr('y', cy - 6).attr('width', RAMP_WIDTH).attr('height', 12).attr('fill', 'none').attr('stroke', theme.grid);
      break;
    }
  }
}

/** The baseline that centres text of `fontSize` on `cy` (renderers disagree on dy="0.35em"; numbers do not). */
export const baseline = (cy: number, fontSize: number) => cy + fontSize * 0.35;

/**
 * A single-line label cut to `maxWidth` with "…"; when cut, the full text is in a <title> beside it
 * (inside the same group, never inside the <text>, so no renderer prints it).
 */
export function labelText(parent: Group, text: string, x: number, y: number, maxWidth: number, fontSize: number, bold = false) {
  const shown = fitText(text, maxWidth, fontSize, bold);
  const g = parent.append('g');
  if (shown !== text) g.append('title').text(text);
  return g
    .append('text')
    .attr('x', x)
    .attr('y', y)
    .attr('font-size', fontSize)
    .attr('font-weight', bold ? 700 : null)
    .text(shown);
}

/**
 * A label of up to `maxLines` lines (one <text> each) centred on `cy`: wrapped at spaces before it is cut
 * with "…"; when cut, the full text is in a <title> beside it. Returns the lines, to set their anchor and fill.
 */
export function wrappedLabel(parent: Group, text: string, x: number, cy: number, maxWidth: number, fontSize: number, options: { bold?: boolean; maxLines?: number } = {}) {
  const { lines, cut } = wrapText(text, maxWidth, fontSize, options.bold, options.maxLines ?? 2);
  const g = parent.append('g');
  if (cut) g.append('title').text(text);
  const first = baseline(cy, fontSize) - ((lines.length - 1) * lineHeight(fontSize)) / 2;
  lines.forEach((line, k) => {
    g.append('text')
      .attr('x', x)
      .attr('y', first + k * lineHeight(fontSize))
      .attr('font-size', fontSize)
      .attr('font-weight', options.bold ? 700 : null)
      .text(line);
  });
  return g.selectAll<SVGTextElement, unknown>('text');
}

/** How many lines of `fontSize` text a band `height` px tall holds (1 or 2). */
export const linesIn = (height: number, fontSize: number) => (height >= 2 * lineHeight(fontSize) ? 2 : 1);

/**
 * Diagonal hatching in `color` on a transparent ground, without patternTransform (which not every
 * SVG-to-PDF converter applies). Returns the fill reference.
 */
export function hatchPattern(plot: PlotArea, name: string, color: string, opacity = 1): string {
  const id = `${plot.prefix}-${name}`;
  // Compared by id rather than with a "#id" selector, which would reject prefixes such as "2nd".
  if (plot.defs.selectAll<SVGPatternElement, unknown>('pattern').filter(function () { return this.id === id; }).empty()) {
    plot.defs
      .append('pattern')
      .attr('id', id)
      .attr('patternUnits', 'userSpaceOnUse')
      .attr('width', 6)
      .attr('height', 6)
      .append('path')
      .attr('d', 'M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2')
      .attr('stroke', color)
      .attr('stroke-opacity', opacity)
      .attr('stroke-width', 1.3);
  }
  return `url(#${id})`;
}

/** The ✕ of a crossed red line as a path (a glyph would depend on the font), centred on (0, 0). */
export const crossPath = (r: number) => `M${-r},${-r}L${r},${r}M${-r},${r}L${r},${-r}`;
