// Heatmap: scenarios (rows, ordered by a chosen aggregate) × parties (columns); each cell is the match,
// printed to one decimal on a colour-blind-safe sequential scale (cividis). A crossed red line hatches the
// cell and adds an ✕, so it never rests on colour alone; a cell with no basis is blank and says so.
import { interpolateCividis } from 'd3';
import type { CsvValue } from '../csv.ts';
import type { ScoredScenario } from '../score-report.ts';
import { SORT_KEY_LABELS, type SortKey } from './chart-kinds.ts';
import { baseline, crossPath, hatchPattern, linesIn, wrappedLabel, type ChartBuilder, type ChartSettings } from './chart-frame.ts';
import { orderScenarios, type CompareData } from './compare-data.ts';
import { oneDecimal, scenarioMatchLabel } from './format.ts';
import { textOn } from './palette.ts';
import { fitText, textWidth } from './text-metrics.ts';

const LABEL_FONT = 12;
const HEADER_MAX = 150;
const AGG_WIDTH = 64;
const COS45 = Math.SQRT1_2;

export const heatColor = (match: number) => {
  const rgb = interpolateCividis(Math.max(0, Math.min(100, match)) / 100);
  return rgbToHex(rgb);
};

function rgbToHex(css: string): string {
  if (css.startsWith('#')) return css;
  const m = css.match(/\d+/g) ?? ['0', '0', '0'];
  return `#${m.slice(0, 3).map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`;
}

const sortOf = (s: ChartSettings): SortKey => s.sortBy ?? 'none';
/** Column headers of the aggregate the rows are sorted by. */
const AGG_HEADERS: Record<SortKey, string> = { worst: 'worst', mean: 'mean', nash: 'Nash', spread: 'spread', none: '' };

interface Layout {
  rows: ScoredScenario[];
  labelW: number;
  aggW: number;
  colW: number;
  rotated: boolean;
  headerH: number;
  /** Each party's header: one line, two lines, or one rotated line. */
  headers: string[][];
}

const fits = (text: string, width: number) => textWidth(text, LABEL_FONT, true) <= width;

/** A name split at a space into two lines that both fit `width`, the most even split; null if there is none. */
function twoLines(name: string, width: number): [string, string] | null {
  const words = name.split(' ');
  let best: [string, string] | null = null;
  let bestW = Infinity;
  for (let k = 1; k < words.length; k++) {
    const a = words.slice(0, k).join(' ');
    const b = words.slice(k).join(' ');
    const w = Math.max(textWidth(a, LABEL_FONT, true), textWidth(b, LABEL_FONT, true));
    if (w <= width && w < bestW) {
      best = [a, b];
      bestW = w;
    }
  }
  return best;
}

/** Horizontal headers at this column width, on one line or two; null when some name needs rotating. */
function flatHeaders(names: readonly string[], colW: number): string[][] | null {
  const lines = names.map((name) => (fits(name, colW - 8) ? [name] : twoLines(name, colW - 8)));
  return lines.every((l) => l !== null) ? (lines as string[][]) : null;
}

/** How far rotated column headers reach beyond the right edge of the grid. */
function headerOverflow(headers: readonly string[], aggHeader: number, labelW: number, colW: number, aggW: number): number {
  const gridRight = labelW + headers.length * colW + aggW;
  let over = aggW ? aggW / 2 + aggHeader * COS45 - aggW : 0;
  headers.forEach((h, j) => (over = Math.max(over, labelW + (j + 0.5) * colW + textWidth(h, LABEL_FONT, true) * COS45 - gridRight)));
  return Math.max(0, over + 4);
}

function layout(data: CompareData, settings: ChartSettings, plotW: number): Layout {
  const sortBy = sortOf(settings);
  const rows = orderScenarios(data.scenarios, sortBy);
  const longestRow = Math.max(0, ...rows.map((s) => textWidth(s.name, LABEL_FONT)));
  const labelW = Math.max(90, Math.min(longestRow + 14, 260, plotW * 0.34));
  const aggW = sortBy === 'none' ? 0 : AGG_WIDTH;
  const n = Math.max(1, data.parties.length);
  const names = data.parties.map((p) => p.name);
  let colW = (plotW - labelW - aggW) / n;
  const flat = flatHeaders(names, colW);
  if (flat) return { rows, labelW, aggW, colW, rotated: false, headerH: flat.some((l) => l.length > 1) ? 42 : 26, headers: flat };
  // Rotated 45° up and to the right from each column's foot: the rightmost labels need room beyond the grid.
  const headers = names.map((name) => fitText(name, HEADER_MAX, LABEL_FONT, true));
  const aggHeader = aggW ? textWidth(AGG_HEADERS[sortBy], LABEL_FONT, true) : 0;
  let pad = 0;
  for (let pass = 0; pass < 3; pass++) {
    colW = (plotW - labelW - aggW - pad) / n;
    pad = headerOverflow(headers, aggHeader, labelW, colW, aggW);
  }
  const tallest = Math.max(aggHeader, ...headers.map((h) => textWidth(h, LABEL_FONT, true)));
  return { rows, labelW, aggW, colW, rotated: true, headerH: tallest * COS45 + 18, headers: headers.map((h) => [h]) };
}

export const heatmap: ChartBuilder = {
  title(_data, settings) {
    const sortBy = sortOf(settings);
    return `Match by scenario and party${sortBy === 'none' ? '' : `, sorted by ${SORT_KEY_LABELS[sortBy]}`}`;
  },

  legend(_data, _settings, theme) {
    return [
      { label: 'match 0 → 100%', swatch: { kind: 'ramp', colors: [0, 15, 30, 45, 60, 75, 90, 100].map(heatColor) } },
      { label: 'red line crossed (hatched cell)', swatch: { kind: 'glyph', text: '✕', color: theme.text } },
      { label: 'no basis', swatch: { kind: 'box', fill: theme.track, stroke: theme.grid } },
    ];
  },

  plotSize(data, settings, plotWidth) {
    const sortBy = sortOf(settings);
    const n = data.parties.length;
    const longestName = Math.max(0, ...data.parties.map((p) => textWidth(p.name, LABEL_FONT, true)));
    const cell = n <= 6 ? Math.max(84, Math.min(150, longestName + 14)) : 66;
    const longestRow = Math.max(0, ...data.scenarios.map((s) => textWidth(s.name, LABEL_FONT)));
    const labelW = Math.max(90, Math.min(longestRow + 14, 260));
    const aggW = sortBy === 'none' ? 0 : AGG_WIDTH;
    const rotated = flatHeaders(data.parties.map((p) => p.name), cell) === null;
    const headers = data.parties.map((p) => fitText(p.name, HEADER_MAX, LABEL_FONT, true));
    const pad = rotated ? headerOverflow(headers, aggW ? textWidth(AGG_HEADERS[sortBy], LABEL_FONT, true) : 0, labelW, cell, aggW) : 0;
    const width = plotWidth ?? Math.max(520, labelW / 0.34, labelW + n * cell + aggW + pad);
    const rowH = data.scenarios.length <= 8 ? 36 : 28;
    return { width: Math.ceil(width), height: Math.ceil(layout(data, settings, width).headerH + Math.max(1, data.scenarios.length) * rowH) };
  },

  draw(plot, data, options) {
    const l = layout(data, options, plot.width);
    const { theme } = options;
    const sortBy = sortOf(options);
    const rowH = Math.max(12, Math.min(44, (plot.height - l.headerH) / Math.max(1, l.rows.length)));
    const gridX = plot.x + l.labelW;
    const gridY = plot.y + l.headerH;
    const g = plot.g;

    const headers = g.append('g').attr('class', 'column-headers').attr('fill', theme.text);
    const headerLines = [...l.headers, ...(l.aggW ? [[AGG_HEADERS[sortBy]]] : [])];
    headerLines.forEach((lines, j) => {
      const isAgg = j >= data.parties.length;
      const cx = isAgg ? gridX + data.parties.length * l.colW + l.aggW / 2 : gridX + (j + 0.5) * l.colW;
      const full = isAgg ? SORT_KEY_LABELS[sortBy] : data.parties[j]!.name;
      const hg = headers.append('g');
      if (full !== lines.join(' ')) hg.append('title').text(full);
      lines.forEach((line, k) => {
        const t = hg.append('text').attr('font-size', LABEL_FONT).attr('font-weight', 700).attr('fill', isAgg ? theme.muted : theme.text);
        if (l.rotated) {
          const x = cx - 3;
          const y = gridY - 8;
          t.attr('x', x).attr('y', y).attr('transform', `rotate(-45 ${x} ${y})`).text(line);
        } else {
          t.attr('x', cx).attr('y', gridY - 9 - (lines.length - 1 - k) * 15).attr('text-anchor', 'middle').text(line);
        }
      });
    });

    const darkHatch = hatchPattern(plot, 'hatch-dark', '#000000', 0.45);
    const lightHatch = hatchPattern(plot, 'hatch-light', '#ffffff', 0.55);
    // The largest type in which "100.0" fits the cells, and the rows.
    const valueFont = [12, 11, 10, 9].find((f) => textWidth('100.0', f, true) <= l.colW - 8 && f <= rowH - 6) ?? 8;

    l.rows.forEach((s, i) => {
      const y = gridY + i * rowH;
      const row = g.append('g').attr('class', 'heat-row').attr('data-scenario', s.id);
      wrappedLabel(row, s.name, gridX - 8, y + rowH / 2, l.labelW - 14, LABEL_FONT, { maxLines: linesIn(rowH, LABEL_FONT) }).attr('text-anchor', 'end').attr('fill', theme.text);

      s.parties.forEach((score, j) => {
        const party = data.parties[j]!;
        const x = gridX + j * l.colW;
        const w = l.colW - 2;
        const h = rowH - 2;
        const cx = x + w / 2;
        const cy = y + h / 2;
        const label = scenarioMatchLabel(s.name, party.name, score.match, score.redLines.length);
        const cell = row
          .append('g')
          .attr('class', 'mark cell')
          .attr('role', 'img')
          .attr('aria-label', label)
          .attr('data-party', party.id)
          .attr('data-match', score.match === null ? '' : String(score.match));
        cell.append('title').text(score.redLines.length ? `${label} (${score.redLines.map((id) => data.issues.find((x) => x.id === id)?.name ?? id).join('; ')})` : label);
        if (score.match === null) {
          cell.append('rect').attr('x', x).attr('y', y).attr('width', w).attr('height', h).attr('fill', theme.track).attr('stroke', theme.grid).attr('stroke-dasharray', '3 2');
          const text = textWidth('no basis', 10) <= w - 6 ? 'no basis' : '–';
          cell.append('text').attr('x', cx).attr('y', baseline(cy, 10)).attr('text-anchor', 'middle').attr('font-size', 10).attr('font-style', 'italic').attr('fill', theme.muted).text(text);
          return;
        }
        const fill = heatColor(score.match);
        const ink = textOn(fill);
        cell.append('rect').attr('x', x).attr('y', y).attr('width', w).attr('height', h).attr('fill', fill);
        const value = oneDecimal(score.match);
        const tw = textWidth(value, valueFont, true);
        const r = Math.max(2.5, Math.min(4, h / 7));
        // The ✕ sits in the top-right corner: beside the number when there is room (the number moving left),
        // else above it (the number moving down).
        const beside = tw + 2 * r + 16 <= w;
        const tx = score.redLines.length && beside && w < 100 ? x + (w - 2 * r - 6) / 2 : cx;
        const ty = score.redLines.length && !beside ? Math.min(cy + r + 1, y + h - valueFont / 2 - 2) : cy;
        if (score.redLines.length) {
          cell.append('rect').attr('class', 'hatch').attr('x', x).attr('y', y).attr('width', w).attr('height', h).attr('fill', ink === '#000000' ? darkHatch : lightHatch);
          // A plain backing keeps the number readable over the hatching.
          cell.append('rect').attr('x', tx - tw / 2 - 3).attr('y', ty - valueFont / 2 - 2).attr('width', tw + 6).attr('height', valueFont + 4).attr('rx', 2).attr('fill', fill);
          const ix = x + w - r - 3;
          const iy = y + r + 3;
          cell.append('rect').attr('x', ix - r - 2).attr('y', iy - r - 2).attr('width', 2 * r + 4).attr('height', 2 * r + 4).attr('rx', 2).attr('fill', fill);
          cell.append('path').attr('d', crossPath(r)).attr('transform', `translate(${ix},${iy})`).attr('stroke', ink).attr('stroke-width', 1.8).attr('stroke-linecap', 'round').attr('fill', 'none');
          if (score.redLines.length > 1 && beside && ix - r - 4 - textWidth('9', 9, true) > tx + tw / 2 + 4) {
            cell.append('text').attr('x', ix - r - 3).attr('y', baseline(iy, 9)).attr('text-anchor', 'end').attr('font-size', 9).attr('font-weight', 700).attr('fill', ink).text(String(score.redLines.length));
          }
        }
        cell.append('text').attr('x', tx).attr('y', baseline(ty, valueFont)).attr('text-anchor', 'middle').attr('font-size', valueFont).attr('font-weight', 600).attr('fill', ink).text(value);
      });

      if (l.aggW) {
        const v = s.aggregate[sortBy as Exclude<SortKey, 'none'>];
        const label = `${s.name} — ${SORT_KEY_LABELS[sortBy]}: ${v === null ? 'no basis' : oneDecimal(v)}`;
        const agg = row.append('g').attr('class', 'mark aggregate').attr('role', 'img').attr('aria-label', label);
        agg.append('title').text(label);
        agg
          .append('text')
          .attr('x', gridX + data.parties.length * l.colW + l.aggW / 2)
          .attr('y', baseline(y + rowH / 2 - 1, 12))
          .attr('text-anchor', 'middle')
          .attr('font-size', 12)
          .attr('font-weight', 700)
          .attr('fill', theme.text)
          .text(v === null ? '—' : oneDecimal(v));
      }
    });
  },

  csv(data, settings) {
    const sortBy = sortOf(settings);
    const rows: CsvValue[][] = [['case', 'as_of', 'row', 'scenario', 'scenario_name', 'party', 'party_name', 'match', 'red_lines_crossed', 'red_lines', ...(sortBy === 'none' ? [] : [sortBy])]];
    orderScenarios(data.scenarios, sortBy).forEach((s, i) => {
      s.parties.forEach((score, j) => {
        const party = data.parties[j]!;
        rows.push([data.caseId, data.asOf, i + 1, s.id, s.name, party.id, party.name, score.match, score.redLines.length, score.redLines.join(';'), ...(sortBy === 'none' ? [] : [s.aggregate[sortBy]])]);
      });
    });
    return rows;
  },
};

