// Flip points as a tornado chart (DESIGN.md §12): one row per party and issue whose salience can change
// which scenario ranks first, the most fragile first. Bars start at the salience as coded (the centre line)
// and reach left to the smallest decrease and right to the smallest increase that hand first place to
// another scenario, whose name ends the bar; the flip point (the smaller change) is outlined. Directions
// differ in colour and in side, and every bar is named in words, so colour is never the only key. In a
// narrow chart each row's name goes on a line of its own above its bars.
import { scaleLinear } from 'd3';
import type { CsvValue } from '../csv.ts';
import type { FlipSide, FlipSides } from '../robustness/flips.ts';
import { flipPoints } from '../robustness/flips.ts';
import { flipSentence, namesOf, type Names } from '../robustness/sentences.ts';
import { baseline, labelText, type ChartBuilder } from './chart-frame.ts';
import type { CompareData } from './compare-data.ts';
import { SAFE_PALETTE } from './palette.ts';
import { fitText, textWidth } from './text-metrics.ts';

const AXIS_H = 40;
const ROW_H = 30;
/** A row with its name on a line above the bars. */
const STACKED_ROW_H = 46;
const STACKED_LABEL_H = 16;
/** Room for the scenario named at a bar's end, at most; and for the −4 … +4 scale, at least. */
const END_W = 230;
const MIN_END_W = 50;
const MIN_SCALE_W = 8 * 28;
const LOWER = SAFE_PALETTE[0];
const HIGHER = SAFE_PALETTE[1];

export interface TornadoRow {
  sides: FlipSides;
  /** The size of the flip point's change: rows are ordered by it, smallest first. */
  size: number;
  /** Which side is the flip point of §12. */
  flip: 'down' | 'up';
}

/** Rows most fragile first (smallest change that flips), then parties and issues in case order. */
export function tornadoRows(data: CompareData): TornadoRow[] {
  const sides = data.robustness?.sides ?? [];
  const points = flipPoints(sides);
  return sides
    .map((x, i) => ({ sides: x, size: Math.abs(points[i]!.to - x.salience), flip: (points[i]!.to < x.salience ? 'down' : 'up') as 'down' | 'up', i }))
    .sort((a, b) => a.size - b.size || a.i - b.i)
    .map(({ i: _i, ...row }) => row);
}

const names = (data: CompareData): Names => namesOf(data, data.scenarios);

const rowLabel = (x: FlipSides, n: Names) => `${n.party(x.party)} · ${n.issue(x.issue)} (now ${x.salience})`;

interface Layout {
  /** Row names above the bars rather than beside them. */
  stacked: boolean;
  labelW: number;
  endW: number;
  rowH: number;
}

const WIDE_END_W = (data: CompareData) => Math.min(END_W, 14 + Math.max(0, ...data.scenarios.map((s) => textWidth(`at 5: ${s.name}`, 11, true))));

/** Where the row names and the scenario names at the bars' ends go in a plot `plotW` wide. */
function layout(data: CompareData, rows: readonly TornadoRow[], plotW: number): Layout {
  const n = names(data);
  const longest = Math.max(0, ...rows.map((r) => textWidth(rowLabel(r.sides, n), 11, true)));
  const labelW = Math.max(90, Math.min(longest + 12, 360));
  const endW = WIDE_END_W(data);
  if (labelW + 2 * endW + MIN_SCALE_W <= plotW) return { stacked: false, labelW, endW, rowH: ROW_H };
  return { stacked: true, labelW: 0, endW: Math.max(MIN_END_W, Math.min(endW, (plotW - MIN_SCALE_W) / 2)), rowH: STACKED_ROW_H };
}

export const tornado: ChartBuilder = {
  title: () => 'Flip points: which salience change puts another scenario first',

  legend(data, _settings, theme) {
    const r = data.robustness?.report;
    const lead = r?.best ? names(data).scenario(r.best) : null;
    return [
      { label: 'lower salience', swatch: { kind: 'box', fill: LOWER } },
      { label: 'higher salience', swatch: { kind: 'box', fill: HIGHER } },
      { label: 'flip point (the smaller change)', swatch: { kind: 'box', fill: theme.background, stroke: theme.text } },
      ...(lead ? [{ label: `first as coded: ${lead} (by ${r!.objective})`, swatch: { kind: 'line' as const, color: theme.muted, dash: '3 3' } }] : []),
    ];
  },

  plotSize(data, _settings, width) {
    const rows = tornadoRows(data);
    const wide = layout(data, rows, Infinity);
    const plotW = width ?? wide.labelW + 2 * wide.endW + MIN_SCALE_W * 1.6;
    return { width: plotW, height: AXIS_H + Math.max(1, rows.length) * layout(data, rows, plotW).rowH };
  },

  draw(plot, data, options) {
    const { theme } = options;
    const g = plot.g;
    const rows = tornadoRows(data);
    const n = names(data);
    if (!data.robustness) {
      g.append('text').attr('x', plot.x).attr('y', plot.y + 20).attr('fill', theme.muted).text('No robustness analysis to draw.');
      return;
    }
    const { stacked, labelW, endW, rowH: wantedRowH } = layout(data, rows, plot.width);
    const left = plot.x + labelW + endW;
    const right = plot.x + plot.width - endW;
    const x = scaleLinear().domain([-4, 4]).range([left, right]);
    const rowH = rows.length ? Math.max(stacked ? 30 : 14, Math.min(wantedRowH + 10, (plot.height - AXIS_H) / rows.length)) : wantedRowH;
    const barRowH = stacked ? rowH - STACKED_LABEL_H : rowH;
    const barH = Math.max(8, Math.round(Math.min(barRowH, ROW_H) * 0.6));
    const font = barRowH >= 22 ? 11 : 10;
    const bottom = plot.y + AXIS_H + Math.max(1, rows.length) * rowH;

    const axis = g.append('g').attr('class', 'axis').attr('aria-hidden', 'true');
    for (let t = -4; t <= 4; t++) {
      axis.append('line').attr('x1', x(t)).attr('x2', x(t)).attr('y1', plot.y + AXIS_H - 4).attr('y2', bottom).attr('stroke', t === 0 ? theme.muted : theme.grid).attr('stroke-dasharray', t === 0 ? null : '2 3');
      axis.append('text').attr('x', x(t)).attr('y', plot.y + 29).attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', theme.muted).text(t === 0 ? '0' : t > 0 ? `+${t}` : `−${-t}`);
    }
    axis.append('text').attr('x', (left + right) / 2).attr('y', plot.y + 12).attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', theme.text).text('change in salience (points on the 1–5 scale)');

    if (rows.length === 0) {
      g.append('text').attr('x', plot.x).attr('y', baseline(plot.y + AXIS_H + rowH / 2, 12)).attr('font-size', 12).attr('fill', theme.muted).text('No change of a single salience alters which scenario ranks first.');
      return;
    }

    rows.forEach((row, k) => {
      const top = plot.y + AXIS_H + k * rowH;
      const cy = stacked ? top + STACKED_LABEL_H + barRowH / 2 : top + rowH / 2;
      const x0 = x(0);
      const rg = g.append('g').attr('class', 'tornado-row').attr('data-party', row.sides.party).attr('data-issue', row.sides.issue);
      if (stacked) {
        // On its own line the name crosses the centre line: a strip of background keeps it legible.
        const label = rowLabel(row.sides, n);
        rg.append('rect').attr('x', plot.x - 2).attr('y', top + 1).attr('width', Math.min(textWidth(label, font, true), plot.width) + 6).attr('height', font + 4).attr('fill', theme.background);
        labelText(rg, label, plot.x, top + 12, plot.width, font, true).attr('fill', theme.text);
      }
      else labelText(rg, rowLabel(row.sides, n), plot.x + labelW - 8, baseline(cy, font), labelW - 10, font, true).attr('text-anchor', 'end').attr('fill', theme.text);
      for (const dir of ['down', 'up'] as const) {
        const side: FlipSide | null = row.sides[dir];
        if (!side) continue;
        const isFlip = row.flip === dir;
        const sentence = flipSentence({ ...row.sides, ...side }, n) + (isFlip ? ' This is the flip point.' : '');
        const end = x(side.to - row.sides.salience);
        const m = rg.append('g').attr('class', 'mark flip').attr('role', 'img').attr('aria-label', sentence).attr('data-direction', dir).attr('data-to', String(side.to)).attr('data-best', side.best).attr('data-flip-point', String(isFlip));
        m.append('title').text(sentence);
        m.append('rect')
          .attr('x', Math.min(x0, end))
          .attr('y', cy - barH / 2)
          .attr('width', Math.abs(end - x0))
          .attr('height', barH)
          .attr('fill', dir === 'down' ? LOWER : HIGHER)
          .attr('stroke', isFlip ? theme.text : 'none')
          .attr('stroke-width', isFlip ? 2 : 0);
        const text = fitText(`at ${side.to}: ${n.scenario(side.best)}`, endW - 8, font, isFlip);
        m.append('text')
          .attr('x', dir === 'down' ? end - 5 : end + 5)
          .attr('y', baseline(cy, font))
          .attr('text-anchor', dir === 'down' ? 'end' : 'start')
          .attr('font-size', font)
          .attr('font-weight', isFlip ? 700 : null)
          .attr('fill', theme.text)
          .text(text);
      }
    });
  },

  csv(data) {
    const r = data.robustness?.report;
    const n = names(data);
    const rows: CsvValue[][] = [['case', 'as_of', 'objective', 'first_as_coded', 'party', 'party_name', 'issue', 'issue_name', 'salience', 'direction', 'to', 'best', 'best_name', 'flip_point']];
    for (const row of tornadoRows(data)) {
      for (const dir of ['down', 'up'] as const) {
        const side = row.sides[dir];
        if (!side) continue;
        rows.push([data.caseId, data.asOf, r?.objective ?? null, r?.best ?? null, row.sides.party, n.party(row.sides.party), row.sides.issue, n.issue(row.sides.issue), row.sides.salience, dir === 'down' ? 'lower' : 'higher', side.to, side.best, n.scenario(side.best), row.flip === dir]);
      }
    }
    return rows;
  },
};
