// Grouped bars: one group per scenario, one horizontal bar per party in the party's colour on a 0–100
// scale, the value printed at the bar's end, the party's reservation as a tick across its bar, and an ✕
// with the count where red lines are crossed. Party names label every bar, so colour is never the only key.
// The "ranges" kind draws the same bars with each match's p5–p95 range from a robustness analysis (§12).
import { scaleLinear } from 'd3';
import type { CsvValue } from '../csv.ts';
import type { PartyRobustness } from '../robustness/sampler.ts';
import { baseline, linesIn, wrappedLabel, type ChartBuilder, type Group } from './chart-frame.ts';
import type { CompareData } from './compare-data.ts';
import { oneDecimal, scenarioMatchLabel } from './format.ts';
import { lineHeight, textWidth, wrapText } from './text-metrics.ts';

const AXIS_H = 22;
const GROUP_HEADER = 20;
const HEADER_FONT = 12;
const GROUP_GAP = 10;
const VALUE_W = 74;
const TICKS = [0, 25, 50, 75, 100];
/** A party row tall enough for its name on two lines in the largest type (11 px). */
const TWO_LINE_ROW = 2 * lineHeight(11);

function partyLabelWidth(names: readonly string[], font: number, plotW: number): number {
  const longest = Math.max(0, ...names.map((n) => textWidth(n, font)));
  return Math.max(70, Math.min(longest + 12, 180, plotW * 0.3));
}

const barFont = (rowH: number) => Math.max(8, Math.min(11, Math.floor(rowH - 3)));

/** Each scenario's header height: its name on one line, or on two when the plot is too narrow for it. */
const headerHeights = (data: CompareData, plotW: number) =>
  data.scenarios.map((s) => GROUP_HEADER + (wrapText(s.name, plotW, HEADER_FONT, true).lines.length - 1) * lineHeight(HEADER_FONT));

/** The preferred row height: taller when some party's name needs two lines beside its bar. */
function preferredRow(data: CompareData, plotW: number): number {
  const rowH = data.parties.length <= 6 ? 21 : 14;
  const names = data.parties.map((p) => p.name);
  const font = barFont(rowH);
  const labelW = partyLabelWidth(names, font, plotW);
  return names.some((n) => textWidth(n, font) > labelW - 10) ? TWO_LINE_ROW : rowH;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Each scenario's per-party figures of the data's robustness analysis, by scenario id. */
function rangesOf(data: CompareData): Map<string, PartyRobustness[]> {
  return new Map((data.robustness?.report.scenarios ?? []).map((s) => [s.id, s.parties]));
}

/** The legend's key to the ranges, with the settings that reproduce them: "p5–p95 of 2000 samples (seed 1; ±1, flip 0.1)". */
export function rangeNote(data: CompareData): string {
  const r = data.robustness?.report;
  return r ? `p5–p95 of ${r.samples} samples (seed ${r.seed}; ±${r.salienceJitter}, flip ${r.stanceFlip})` : 'p5–p95: no robustness analysis';
}

const rangeLabel = (r: PartyRobustness | undefined) => (r && r.p5 !== null && r.p95 !== null ? `; p5–p95 range ${oneDecimal(r.p5)}–${oneDecimal(r.p95)}%` : '');

function barsChart(withRanges: boolean): ChartBuilder {
  return {
    title: () => (withRanges ? 'Match per party, by scenario, with its plausible range' : 'Match per party, by scenario'),

    legend(data, _settings, theme) {
      return [
        ...data.parties.map((p) => ({ label: p.name, swatch: { kind: 'box' as const, fill: p.color } })),
        { label: 'reservation', swatch: { kind: 'tick', color: theme.text } },
        { label: 'red lines crossed', swatch: { kind: 'glyph', text: '✕', color: theme.danger } },
        ...(withRanges ? [{ label: rangeNote(data), swatch: { kind: 'line' as const, color: theme.text, width: 2 } }] : []),
      ];
    },

    plotSize(data, _settings, plotWidth) {
      const nP = data.parties.length;
      const nS = Math.max(1, data.scenarios.length);
      const names = data.parties.map((p) => p.name);
      const width = plotWidth ?? partyLabelWidth(names, barFont(data.parties.length <= 6 ? 21 : 14), 900) + 540 + VALUE_W;
      const headers = data.scenarios.length ? sum(headerHeights(data, width)) : GROUP_HEADER;
      return { width, height: AXIS_H + headers + nS * nP * preferredRow(data, width) + (nS - 1) * GROUP_GAP };
    },

    draw(plot, data, options) {
      const { theme } = options;
      const nP = data.parties.length;
      const nS = data.scenarios.length;
      const headers = headerHeights(data, plot.width);
      const avail = plot.height - AXIS_H - sum(headers) - (nS - 1) * GROUP_GAP;
      const rowH = Math.max(6, Math.min(28, avail / (nS * nP)));
      const barH = Math.max(3, Math.round(rowH * 0.74));
      const font = barFont(rowH);
      const nameLines = linesIn(rowH, font);
      const labelW = partyLabelWidth(data.parties.map((p) => p.name), font, plot.width);
      const x0 = plot.x + labelW;
      const x = scaleLinear().domain([0, 100]).range([x0, plot.x + plot.width - VALUE_W]);
      const g = plot.g;
      const bottom = plot.y + AXIS_H + sum(headers) + nS * nP * rowH + (nS - 1) * GROUP_GAP;
      const ranges = withRanges ? rangesOf(data) : new Map<string, PartyRobustness[]>();

      const axis = g.append('g').attr('class', 'axis').attr('aria-hidden', 'true');
      for (const t of TICKS) {
        axis.append('line').attr('x1', x(t)).attr('x2', x(t)).attr('y1', plot.y + AXIS_H - 4).attr('y2', bottom).attr('stroke', theme.grid).attr('stroke-dasharray', t === 0 || t === 100 ? null : '2 3');
        axis.append('text').attr('x', x(t)).attr('y', plot.y + 11).attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', theme.muted).text(t === 100 ? '100%' : String(t));
      }

      let y = plot.y + AXIS_H;
      data.scenarios.forEach((s, i) => {
        const group = g.append('g').attr('class', 'bar-group').attr('data-scenario', s.id);
        const headerH = headers[i]!;
        wrappedLabel(group, s.name, plot.x, y + headerH / 2, plot.width, HEADER_FONT, { bold: true }).attr('fill', theme.text);
        y += headerH;
        s.parties.forEach((score, j) => {
          const party = data.parties[j]!;
          const cy = y + rowH / 2;
          const range = ranges.get(s.id)?.[j];
          const label = scenarioMatchLabel(s.name, party.name, score.match, score.redLines.length) + rangeLabel(range);
          const nameG = group.append('g').attr('aria-hidden', 'true');
          wrappedLabel(nameG, party.name, x0 - 8, cy, labelW - 10, font, { maxLines: nameLines }).attr('text-anchor', 'end').attr('fill', theme.muted);

          const bar = group
            .append('g')
            .attr('class', 'mark bar')
            .attr('role', 'img')
            .attr('aria-label', label)
            .attr('data-party', party.id)
            .attr('data-match', score.match === null ? '' : String(score.match));
          bar.append('title').text(`${label}; reservation ${party.reservation}`);
          // The reservation: a dark tick on a light halo, visible on any bar colour.
          const rx = x(party.reservation);
          const tick = bar.append('g').attr('class', 'reservation');
          tick.append('line').attr('x1', rx).attr('x2', rx).attr('y1', cy - barH / 2 - 2).attr('y2', cy + barH / 2 + 2).attr('stroke', theme.background).attr('stroke-width', 4);
          tick.append('line').attr('x1', rx).attr('x2', rx).attr('y1', cy - barH / 2 - 2).attr('y2', cy + barH / 2 + 2).attr('stroke', theme.text).attr('stroke-width', 2);
          if (score.match === null) {
            bar.append('text').attr('x', Math.max(x0 + 4, rx < x0 + 60 ? rx + 6 : x0 + 4)).attr('y', baseline(cy, font)).attr('font-size', font).attr('font-style', 'italic').attr('fill', theme.muted).text('no basis');
          } else {
            let end = x(score.match);
            bar.insert('rect', 'g.reservation').attr('x', x0).attr('y', cy - barH / 2).attr('width', Math.max(0, end - x0)).attr('height', barH).attr('fill', party.color);
            if (range && range.p5 !== null && range.p95 !== null) {
              drawRange(bar, x(range.p5), x(range.p95), cy, barH, theme.text);
              // The value goes after the range, so the two never cross.
              end = Math.max(end, x(range.p95) + 2);
            }
            const value = oneDecimal(score.match);
            const marker = score.redLines.length ? `✕${score.redLines.length > 1 ? ` ${score.redLines.length}` : ''}` : '';
            const textW = textWidth(value, font, true) + (marker ? 5 + textWidth(marker, font, true) : 0);
            // Clear of the reservation tick: a label that would cross it starts just after it.
            const lx = rx >= end - 1 && rx <= end + 5 + textW + 2 ? rx + 5 : end + 5;
            bar.append('text').attr('x', lx).attr('y', baseline(cy, font)).attr('font-size', font).attr('font-weight', 600).attr('fill', theme.text).text(value);
            if (marker) {
              bar
                .append('text')
                .attr('x', lx + textWidth(value, font, true) + 5)
                .attr('y', baseline(cy, font))
                .attr('font-size', font)
                .attr('font-weight', 700)
                .attr('fill', theme.danger)
                .text(marker);
            }
          }
          y += rowH;
        });
        y += GROUP_GAP;
      });
    },

    csv(data) {
      const header: CsvValue[] = ['case', 'as_of', 'scenario', 'scenario_name', 'party', 'party_name', 'match', 'reservation', 'acceptable', 'red_lines_crossed', 'red_lines'];
      const r = data.robustness?.report;
      const rows: CsvValue[][] = [withRanges ? [...header, 'p5', 'p50', 'p95', 'p_acceptable', 'samples', 'seed', 'salience_jitter', 'stance_flip'] : header];
      const ranges = rangesOf(data);
      for (const s of data.scenarios) {
        s.parties.forEach((score, j) => {
          const party = data.parties[j]!;
          const row: CsvValue[] = [data.caseId, data.asOf, s.id, s.name, party.id, party.name, score.match, party.reservation, score.acceptable, score.redLines.length, score.redLines.join(';')];
          const range = ranges.get(s.id)?.[j];
          rows.push(withRanges ? [...row, range?.p5 ?? null, range?.p50 ?? null, range?.p95 ?? null, range?.pAcceptable ?? null, r?.samples ?? null, r?.seed ?? null, r?.salienceJitter ?? null, r?.stanceFlip ?? null] : row);
        });
      }
      return rows;
    },
  };
}

/** A p5–p95 range across a bar: a line with end caps in the text colour, which stands out from every party colour. */
export function drawRange(g: Group, x5: number, x95: number, cy: number, barH: number, ink: string): void {
  const cap = Math.max(3, barH * 0.4);
  g.append('path')
    .attr('class', 'range')
    .attr('aria-hidden', 'true')
    .attr('d', `M${x5},${cy}H${x95}M${x5},${cy - cap}V${cy + cap}M${x95},${cy - cap}V${cy + cap}`)
    .attr('stroke', ink)
    .attr('stroke-width', 1.6)
    .attr('fill', 'none');
}

export const groupedBars = barsChart(false);
export const rangeBars = barsChart(true);
