// Two-party scatter: each scenario a point at (match of party X, match of party Y), labelled with its
// name (or a number keyed beside the plot when names would collide), the Pareto front among the points
// drawn as a line, each party's reservation as a dashed line, and the zone above both shaded.
import type { CsvValue } from '../csv.ts';
import { baseline, crossPath, labelText, type ChartBuilder } from './chart-frame.ts';
import { oneDecimal } from './format.ts';
import { BOTTOM_AXIS, KEY_LINE, KEY_W, keyHeight, keyLines, LABEL_FONT, LEFT_AXIS, scatterLayout } from './scatter-layout.ts';
import { frontLine, scatterParties, scatterPoints } from './scatter-points.ts';

export { scatterParties, scatterPoints, type ScatterPoint } from './scatter-points.ts';

const POINT = '#0072B2';
const FRONT = '#D55E00';
const EXACT = '#009E73';

export const scatter: ChartBuilder = {
  title(data, settings) {
    const [x, y] = scatterParties(data, settings);
    return `${x.name} vs ${y.name}: match per scenario`;
  },

  legend(data, settings, theme) {
    const [x, y] = scatterParties(data, settings);
    return [
      { label: 'scenario', swatch: { kind: 'dot', fill: POINT } },
      { label: 'on the Pareto front', swatch: { kind: 'dot', fill: FRONT } },
      { label: 'Pareto front', swatch: { kind: 'line', color: theme.text, width: 1.5 } },
      ...(settings.frontier?.length ? [{ label: 'exact frontier of all packages', swatch: { kind: 'line' as const, color: EXACT, dash: '6 3', width: 2 } }] : []),
      { label: `crosses a red line of ${x.id === y.id ? x.name : `${x.name} or ${y.name}`}`, swatch: { kind: 'glyph', text: '✕', color: theme.text } },
      { label: 'reservation', swatch: { kind: 'line', color: theme.muted, dash: '5 3', width: 1.5 } },
      { label: 'both at or above their reservation', swatch: { kind: 'box', fill: theme.ok, opacity: 0.12 } },
    ];
  },

  plotSize(data, settings, plotWidth) {
    const preferred = data.scenarios.length > 10 ? 560 : 460;
    const [px, py] = scatterParties(data, settings);
    const { points, unplotted } = scatterPoints(data, settings);
    const roomForKey = keyHeight(keyLines(points.length, unplotted.length));
    const width = plotWidth ?? LEFT_AXIS + preferred + 8;
    let l = scatterLayout(px, py, points, unplotted.length, { x: 0, y: 0, width, height: preferred + BOTTOM_AXIS + 8 + roomForKey, maxSide: preferred });
    if (plotWidth === undefined && l.key !== 'none') {
      l = scatterLayout(px, py, points, unplotted.length, { x: 0, y: 0, width: width + KEY_W + 16, height: preferred + BOTTOM_AXIS + 8, maxSide: preferred });
      return { width: width + KEY_W + 16, height: l.side + BOTTOM_AXIS + 8 };
    }
    const below = l.key === 'below' ? keyHeight(keyLines(l.keyed.length, unplotted.length)) : 0;
    return { width, height: l.side + BOTTOM_AXIS + 8 + below };
  },

  draw(plot, data, options) {
    const { theme } = options;
    const [px, py] = scatterParties(data, options);
    const { points, unplotted } = scatterPoints(data, options);
    const l = scatterLayout(px, py, points, unplotted.length, plot);
    const { side, x0, y0, x, y } = l;
    const g = plot.g;

    g.append('rect')
      .attr('class', 'zone')
      .attr('aria-hidden', 'true')
      .attr('x', x(px.reservation))
      .attr('y', y0)
      .attr('width', x(100) - x(px.reservation))
      .attr('height', y(py.reservation) - y0)
      .attr('fill', theme.ok)
      .attr('fill-opacity', 0.12);

    const axes = g.append('g').attr('class', 'axes').attr('aria-hidden', 'true');
    for (let t = 0; t <= 100; t += 20) {
      const dash = t === 0 || t === 100 ? null : '2 3';
      axes.append('line').attr('x1', x(t)).attr('x2', x(t)).attr('y1', y0).attr('y2', y0 + side).attr('stroke', theme.grid).attr('stroke-dasharray', dash);
      axes.append('line').attr('x1', x0).attr('x2', x0 + side).attr('y1', y(t)).attr('y2', y(t)).attr('stroke', theme.grid).attr('stroke-dasharray', dash);
      axes.append('text').attr('x', x(t)).attr('y', y0 + side + 15).attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', theme.muted).text(String(t));
      axes.append('text').attr('x', x0 - 6).attr('y', baseline(y(t), 11)).attr('text-anchor', 'end').attr('font-size', 11).attr('fill', theme.muted).text(String(t));
    }
    labelText(axes, `${px.name}: match %`, x0 + side / 2, y0 + side + 34, side, 12, true).attr('text-anchor', 'middle').attr('fill', theme.text);
    labelText(axes, `${py.name}: match %`, 0, 0, side, 12, true).attr('text-anchor', 'middle').attr('fill', theme.text).attr('transform', `translate(${plot.x + 12},${y0 + side / 2}) rotate(-90)`);

    const res = g.append('g').attr('class', 'reservations').attr('aria-hidden', 'true');
    const rx = x(px.reservation);
    const ry = y(py.reservation);
    res.append('line').attr('x1', rx).attr('x2', rx).attr('y1', y0).attr('y2', y0 + side).attr('stroke', theme.muted).attr('stroke-width', 1.5).attr('stroke-dasharray', '5 3');
    res.append('line').attr('x1', x0).attr('x2', x0 + side).attr('y1', ry).attr('y2', ry).attr('stroke', theme.muted).attr('stroke-width', 1.5).attr('stroke-dasharray', '5 3');
    res.append('text').attr('x', l.xRes.anchorStart ? rx + 4 : rx - 4).attr('y', y0 + 11).attr('text-anchor', l.xRes.anchorStart ? 'start' : 'end').attr('font-size', 10).attr('fill', theme.muted).text(l.xRes.text);
    res.append('text').attr('x', x0 + side - 4).attr('y', l.yRes.above ? ry - 4 : ry + 12).attr('text-anchor', 'end').attr('font-size', 10).attr('fill', theme.muted).text(l.yRes.text);

    if (options.frontier?.length) {
      const exact = [...options.frontier].sort((a, b) => a[0] - b[0]);
      const label = `Exact frontier of all packages between ${px.name} and ${py.name}, ${exact.length} point${exact.length > 1 ? 's' : ''}: ${exact.map((p) => `(${oneDecimal(p[0])}, ${oneDecimal(p[1])})`).join('; ')}`;
      const el = g.append('g').attr('class', 'mark exact-frontier').attr('role', 'img').attr('aria-label', label);
      el.append('title').text(label);
      el.append('path')
        .attr('d', `M${exact.map((p) => `${x(p[0])},${y(p[1])}`).join('L')}`)
        .attr('fill', 'none')
        .attr('stroke', EXACT)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', '6 3');
      for (const p of exact) el.append('circle').attr('cx', x(p[0])).attr('cy', y(p[1])).attr('r', 2.5).attr('fill', EXACT);
    }

    const front = frontLine(points);
    if (front.length) {
      const frontLabel = `Pareto front between ${px.name} and ${py.name}: ${front.map((p) => `${p.scenario.name} (${oneDecimal(p.x)}, ${oneDecimal(p.y)})`).join('; ')}`;
      const fl = g.append('g').attr('class', 'mark front').attr('role', 'img').attr('aria-label', frontLabel);
      fl.append('title').text(frontLabel);
      fl.append('path')
        .attr('d', `M${front.map((p) => `${x(p.x)},${y(p.y)}`).join('L')}`)
        .attr('fill', 'none')
        .attr('stroke', theme.text)
        .attr('stroke-width', front.length > 1 ? 1.5 : 0)
        .attr('stroke-linejoin', 'round');
    }

    const marks = g.append('g').attr('class', 'points');
    for (const p of points) {
      const cx = x(p.x);
      const cy = y(p.y);
      const crossed = [p.xRedLines ? `${p.xRedLines} red line${p.xRedLines > 1 ? 's' : ''} of ${px.name}` : '', p.yRedLines ? `${p.yRedLines} red line${p.yRedLines > 1 ? 's' : ''} of ${py.name}` : ''].filter(Boolean);
      const label = `${p.scenario.name} — ${px.name}: ${oneDecimal(p.x)}% match, ${py.name}: ${oneDecimal(p.y)}% match${p.front ? '; on the Pareto front' : ''}${crossed.length ? `; crosses ${crossed.join(' and ')}` : ''}`;
      const m = marks.append('g').attr('class', 'mark point').attr('role', 'img').attr('aria-label', label).attr('data-scenario', p.scenario.id);
      m.append('title').text(label);
      const color = p.front ? FRONT : POINT;
      if (crossed.length) {
        m.append('path').attr('d', crossPath(5)).attr('transform', `translate(${cx},${cy})`).attr('stroke', theme.background).attr('stroke-width', 5).attr('stroke-linecap', 'round');
        m.append('path').attr('d', crossPath(5)).attr('transform', `translate(${cx},${cy})`).attr('stroke', color).attr('stroke-width', 2.5).attr('stroke-linecap', 'round');
      } else {
        m.append('circle').attr('cx', cx).attr('cy', cy).attr('r', p.front ? 6 : 5).attr('fill', color).attr('stroke', theme.background).attr('stroke-width', 1.5);
      }
    }

    const labels = g.append('g').attr('class', 'point-labels').attr('aria-hidden', 'true');
    for (const pl of l.labels) {
      const lg = labels.append('g');
      if (pl.text !== pl.full) lg.append('title').text(pl.full);
      lg.append('text').attr('x', pl.box.x + 1).attr('y', pl.box.y + 10).attr('font-size', LABEL_FONT).attr('fill', theme.text).text(pl.text);
    }

    // The key, beside or below the plot: numbered points, then the scenarios that could not be plotted.
    if (l.key === 'none') return;
    const key = g.append('g').attr('class', 'key');
    const beside = l.key === 'side';
    const kx = beside ? x0 + side + 16 : plot.x;
    const kw = plot.x + plot.width - kx;
    let ky = beside ? y0 + 10 : y0 + side + BOTTOM_AXIS + 16;
    const last = beside ? y0 + side + BOTTOM_AXIS : plot.y + plot.height;
    const line = (text: string, opts: { bold?: boolean; muted?: boolean } = {}) => {
      if (ky > last) return;
      labelText(key, text, kx, ky, kw, 11, opts.bold).attr('fill', opts.muted ? theme.muted : theme.text);
      ky += KEY_LINE;
    };
    if (l.keyed.length) {
      line('Numbered points', { bold: true });
      for (const k of l.keyed) line(`${k.n}  ${k.names}`);
    }
    if (unplotted.length) {
      line('Not plotted (no basis)', { bold: true });
      for (const s of unplotted) line(s.name, { muted: true });
    }
  },

  csv(data, settings) {
    const [px, py] = scatterParties(data, settings);
    const { points, unplotted } = scatterPoints(data, settings);
    const rows: CsvValue[][] = [['case', 'as_of', 'scenario', 'scenario_name', 'x_party', 'x_match', 'x_red_lines_crossed', 'x_reservation', 'y_party', 'y_match', 'y_red_lines_crossed', 'y_reservation', 'pareto_front']];
    const xi = data.parties.indexOf(px);
    const yi = data.parties.indexOf(py);
    for (const s of data.scenarios) {
      const p = points.find((q) => q.scenario === s);
      const a = s.parties[xi]!;
      const b = s.parties[yi]!;
      rows.push([data.caseId, data.asOf, s.id, s.name, px.id, a.match, a.redLines.length, px.reservation, py.id, b.match, b.redLines.length, py.reservation, p ? p.front : unplotted.includes(s) ? null : false]);
    }
    return rows;
  },
};
