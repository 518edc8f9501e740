// Radar: one axis per party (0 at the centre, 100 at the rim), one polygon per scenario through its
// matches. Scenarios are told apart by colour and dash (colour-blind-safe colours, three dash styles), a
// vertex where a red line is crossed is an ✕, and the parties' reservations form a dashed grey outline.
import type { CsvValue } from '../csv.ts';
import { baseline, crossPath, type ChartBuilder, type LegendItem } from './chart-frame.ts';
import { oneDecimal, scenarioMatchLabel } from './format.ts';
import type { ChartTheme } from './palette.ts';
import { lineHeight, textWidth, wrapText } from './text-metrics.ts';

/**
 * Scenario lines take Paul Tol's muted colours (without the faint sand), never the Okabe–Ito colours the
 * parties wear, so a scenario is not read as a party; consecutive scenarios also differ in dash.
 */
const LINE_COLORS = ['#332288', '#882255', '#999933', '#44AA99', '#AA4499', '#117733', '#CC6677', '#88CCEE'];
/** The same hues lightened to read on the dark theme's background. */
const LINE_COLORS_DARK = ['#9D8FF0', '#E07AA8', '#CCCC66', '#5CC4B0', '#D08AC8', '#5CC07A', '#EE99A4', '#88CCEE'];
const DASHES = [null, '7 4', '2 3'];
/**
 * The dash of each of the eight colours: neighbours differ, and colours that share a dash are far apart
 * (CIE ΔE ≥ 55 in both themes), so the wine, purple and rose lines never also share a dash. Past eight
 * scenarios the dashes rotate by two steps (so the ninth differs from the eighth): no two of twenty share
 * both colour and dash.
 */
const DASH_OF_COLOR = [0, 1, 2, 0, 2, 1, 0, 1];
const RINGS = [25, 50, 75, 100];
const LABEL_FONT = 11;
const LABEL_MAX = 150;

export function scenarioStyle(index: number, theme: ChartTheme): { color: string; dash: string | null } {
  const colors = theme.name === 'dark' ? LINE_COLORS_DARK : LINE_COLORS;
  const k = index % colors.length;
  return { color: colors[k]!, dash: DASHES[(DASH_OF_COLOR[k]! + 2 * Math.floor(index / colors.length)) % DASHES.length]! };
}

const angle = (j: number, n: number) => -Math.PI / 2 + (2 * Math.PI * j) / n;

function labelSpace(names: readonly string[]): number {
  return Math.min(LABEL_MAX, Math.max(30, ...names.map((n) => textWidth(n, LABEL_FONT, true))));
}

/** Extra room above and below the rim when some party's name takes two lines. */
const wrapRoom = (names: readonly string[], side: number) => (names.some((n) => wrapText(n, side, LABEL_FONT, true).lines.length > 1) ? lineHeight(LABEL_FONT) : 0);

export const radar: ChartBuilder = {
  title: () => 'Scenario profiles across the parties',

  legend(data, _settings, theme) {
    const items: LegendItem[] = data.scenarios.map((s, i) => {
      const st = scenarioStyle(i, theme);
      return { label: s.name, swatch: { kind: 'line', color: st.color, ...(st.dash && { dash: st.dash }), width: 3 } };
    });
    items.push({ label: 'reservation', swatch: { kind: 'line', color: theme.muted, dash: '4 3', width: 1.5 } });
    items.push({ label: 'red line crossed', swatch: { kind: 'glyph', text: '✕', color: theme.text } });
    return items;
  },

  plotSize(data, _settings, plotWidth) {
    const names = data.parties.map((p) => p.name);
    const side = labelSpace(names);
    const preferred = data.parties.length <= 6 ? 190 : 240;
    const r = plotWidth === undefined ? preferred : Math.max(40, Math.min(preferred, plotWidth / 2 - side - 14));
    return { width: plotWidth ?? 2 * (r + side + 14), height: 2 * r + 2 * (34 + wrapRoom(names, side)) };
  },

  draw(plot, data, options) {
    const { theme } = options;
    const n = data.parties.length;
    const names = data.parties.map((p) => p.name);
    const side = labelSpace(names);
    const r = Math.max(40, Math.min(plot.width / 2 - side - 14, plot.height / 2 - 34 - wrapRoom(names, side)));
    const cx = plot.x + plot.width / 2;
    const cy = plot.y + plot.height / 2;
    const g = plot.g;
    const point = (j: number, v: number): [number, number] => [cx + Math.cos(angle(j, n)) * (r * v) / 100, cy + Math.sin(angle(j, n)) * (r * v) / 100];

    const grid = g.append('g').attr('class', 'grid').attr('aria-hidden', 'true');
    // Party names at the end of their axes; their boxes keep the ring values clear of them.
    const nameBoxes: { x0: number; x1: number; y0: number; y1: number }[] = [];
    const nameLayer = g.append('g').attr('class', 'axis-labels');
    data.parties.forEach((p, j) => {
      const [ex, ey] = point(j, 100);
      grid.append('line').attr('x1', cx).attr('y1', cy).attr('x2', ex).attr('y2', ey).attr('stroke', theme.grid);
      const a = angle(j, n);
      const [lx, ly] = point(j, 100 + (16 / r) * 100);
      const cos = Math.cos(a);
      const anchor = Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end';
      const dy = Math.sin(a) > 0.8 ? 6 : Math.sin(a) < -0.8 ? -2 : 0;
      // Two lines grow away from the plot: upwards above it, downwards below it, about the axis beside it.
      const { lines, cut } = wrapText(p.name, side, LABEL_FONT, true);
      const lh = lineHeight(LABEL_FONT);
      const by = baseline(ly + dy, LABEL_FONT) - (lines.length - 1) * (Math.sin(a) < -0.8 ? lh : Math.sin(a) > 0.8 ? 0 : lh / 2);
      const w = Math.max(...lines.map((l) => textWidth(l, LABEL_FONT, true)));
      const bx = anchor === 'middle' ? lx - w / 2 : anchor === 'end' ? lx - w : lx;
      nameBoxes.push({ x0: bx - 2, x1: bx + w + 2, y0: by - LABEL_FONT, y1: by + (lines.length - 1) * lh + 3 });
      const lg = nameLayer.append('g').attr('class', 'axis-label');
      if (cut) lg.append('title').text(p.name);
      lines.forEach((line, k) => {
        lg.append('text').attr('x', lx).attr('y', by + k * lh).attr('text-anchor', anchor).attr('font-size', LABEL_FONT).attr('font-weight', 700).attr('fill', theme.text).text(line);
      });
    });

    // Ring values along the bisector of the first two axes, where no vertex sits.
    const mid = n > 1 ? (angle(0, n) + angle(1, n)) / 2 : 0;
    for (const ring of RINGS) {
      const rr = (r * ring) / 100;
      grid.append('circle').attr('cx', cx).attr('cy', cy).attr('r', rr).attr('fill', 'none').attr('stroke', theme.grid).attr('stroke-dasharray', ring === 100 ? null : '2 3');
      const text = ring === 100 ? '100%' : String(ring);
      const tx = cx + Math.cos(mid) * rr + 3;
      const ty = cy + Math.sin(mid) * rr - 3;
      const tw = textWidth(text, 9);
      if (nameBoxes.some((b) => tx < b.x1 && b.x0 < tx + tw && ty - 9 < b.y1 && b.y0 < ty + 2)) continue;
      grid.append('text').attr('x', tx).attr('y', ty).attr('font-size', 9).attr('fill', theme.muted).text(text);
    }

    // The reservations as one dashed outline.
    const resPoints = data.parties.map((p, j) => point(j, p.reservation));
    g.append('path')
      .attr('class', 'reservations')
      .attr('aria-hidden', 'true')
      .attr('d', `M${resPoints.map((pt) => pt.join(',')).join('L')}Z`)
      .attr('fill', 'none')
      .attr('stroke', theme.muted)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '4 3');

    const many = data.scenarios.length > 6;
    data.scenarios.forEach((s, i) => {
      const st = scenarioStyle(i, theme);
      const sg = g.append('g').attr('class', 'scenario').attr('data-scenario', s.id);
      // No basis: the vertex is left out and the outline joins its neighbours.
      const defined = s.parties.map((score, j) => ({ score, j })).filter((d) => d.score.match !== null);
      const summary = s.parties.map((score, j) => `${data.parties[j]!.name} ${score.match === null ? 'no basis' : `${oneDecimal(score.match)}%`}`).join(', ');
      const polygonLabel = `${s.name}: ${summary}`;
      const poly = sg.append('g').attr('class', 'mark polygon').attr('role', 'img').attr('aria-label', polygonLabel);
      poly.append('title').text(polygonLabel);
      poly
        .append('path')
        .attr('d', defined.length ? `M${defined.map((d) => point(d.j, d.score.match!).join(',')).join('L')}Z` : '')
        .attr('fill', st.color)
        // Fills only while they stay legible; many overlapping fills turn to mud.
        .attr('fill-opacity', data.scenarios.length <= 4 ? 0.1 : 0)
        .attr('stroke', st.color)
        .attr('stroke-width', many ? 1.6 : 2.2)
        .attr('stroke-dasharray', st.dash)
        .attr('stroke-linejoin', 'round');
      for (const d of defined) {
        const [px, py] = point(d.j, d.score.match!);
        const label = scenarioMatchLabel(s.name, data.parties[d.j]!.name, d.score.match, d.score.redLines.length);
        const v = sg.append('g').attr('class', 'mark vertex').attr('role', 'img').attr('aria-label', label).attr('data-party', data.parties[d.j]!.id).attr('data-match', String(d.score.match));
        v.append('title').text(label);
        if (d.score.redLines.length) {
          const size = many ? 3.2 : 4.5;
          v.append('path').attr('d', crossPath(size)).attr('transform', `translate(${px},${py})`).attr('stroke', theme.background).attr('stroke-width', 4.5).attr('stroke-linecap', 'round');
          v.append('path').attr('d', crossPath(size)).attr('transform', `translate(${px},${py})`).attr('stroke', st.color).attr('stroke-width', many ? 1.8 : 2.2).attr('stroke-linecap', 'round');
        } else {
          v.append('circle').attr('cx', px).attr('cy', py).attr('r', many ? 2.6 : 3.5).attr('fill', st.color).attr('stroke', theme.background).attr('stroke-width', 1);
        }
      }
    });
  },

  csv(data) {
    const rows: CsvValue[][] = [['case', 'as_of', 'scenario', 'scenario_name', 'party', 'party_name', 'match', 'reservation', 'red_lines_crossed']];
    for (const s of data.scenarios) {
      s.parties.forEach((score, j) => {
        const party = data.parties[j]!;
        rows.push([data.caseId, data.asOf, s.id, s.name, party.id, party.name, score.match, party.reservation, score.redLines.length]);
      });
    }
    return rows;
  },
};
