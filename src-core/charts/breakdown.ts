// Breakdown of one scenario: for each party, a horizontal bar made of its per-issue contributions
// (DESIGN.md §5: they add up to the match), one colour per issue from a safe categorical palette (hatched
// from the tenth issue on), the total at the bar's end and the party's reservation as a tick.
import { scaleLinear } from 'd3';
import type { CsvValue } from '../csv.ts';
import type { ScoredScenario } from '../score-report.ts';
import { baseline, hatchPattern, linesIn, wrappedLabel, type ChartBuilder, type ChartSettings } from './chart-frame.ts';
import type { CompareData } from './compare-data.ts';
import { oneDecimal, scenarioMatchLabel } from './format.ts';
import { ISSUE_PALETTE, textOn } from './palette.ts';
import { fitText, textWidth } from './text-metrics.ts';

const AXIS_H = 22;
const VALUE_W = 118;
const TICKS = [0, 25, 50, 75, 100];

export function breakdownScenario(data: CompareData, settings: ChartSettings): ScoredScenario {
  return data.scenarios.find((s) => s.id === settings.scenario) ?? data.scenarios[0]!;
}

export const issueColor = (index: number) => ISSUE_PALETTE[index % ISSUE_PALETTE.length]!;

function labelWidth(data: CompareData, plotW: number): number {
  const longest = Math.max(0, ...data.parties.map((p) => textWidth(p.name, 12, true)));
  return Math.max(80, Math.min(longest + 14, 200, plotW * 0.3));
}

export const breakdown: ChartBuilder = {
  title(data, settings) {
    const s = data.scenarios.length ? breakdownScenario(data, settings) : undefined;
    return `What makes up each party's match${s ? `: ${s.name}` : ''}`;
  },

  legend(data, _settings, theme) {
    return [
      ...data.issues.map((issue, i) => ({ label: `${issue.name}${i >= ISSUE_PALETTE.length ? ' (hatched)' : ''}`, swatch: { kind: 'box' as const, fill: issueColor(i) } })),
      { label: 'reservation', swatch: { kind: 'tick', color: theme.text } },
      { label: 'red lines crossed', swatch: { kind: 'glyph', text: '✕', color: theme.danger } },
    ];
  },

  plotSize(data) {
    const rowH = data.parties.length <= 6 ? 38 : 28;
    return { width: labelWidth(data, 900) + 560 + VALUE_W, height: AXIS_H + Math.max(1, data.parties.length) * rowH };
  },

  draw(plot, data, options) {
    const { theme } = options;
    const s = breakdownScenario(data, options);
    const nP = data.parties.length;
    const rowH = Math.max(10, Math.min(44, (plot.height - AXIS_H) / nP));
    const barH = Math.max(6, Math.round(rowH * 0.62));
    const labelW = labelWidth(data, plot.width);
    const x0 = plot.x + labelW;
    const x = scaleLinear().domain([0, 100]).range([x0, plot.x + plot.width - VALUE_W]);
    const font = rowH >= 20 ? 12 : 10;
    const g = plot.g;
    const issueIndex = new Map(data.issues.map((issue, i) => [issue.id, i]));
    const hatch = hatchPattern(plot, 'issue-hatch', '#ffffff', 0.6);
    const bottom = plot.y + AXIS_H + nP * rowH;

    const axis = g.append('g').attr('class', 'axis').attr('aria-hidden', 'true');
    for (const t of TICKS) {
      axis.append('line').attr('x1', x(t)).attr('x2', x(t)).attr('y1', plot.y + AXIS_H - 4).attr('y2', bottom).attr('stroke', theme.grid).attr('stroke-dasharray', t === 0 || t === 100 ? null : '2 3');
      axis.append('text').attr('x', x(t)).attr('y', plot.y + 11).attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', theme.muted).text(t === 100 ? '100%' : String(t));
    }

    s.parties.forEach((score, j) => {
      const party = data.parties[j]!;
      const cy = plot.y + AXIS_H + j * rowH + rowH / 2;
      const row = g.append('g').attr('class', 'breakdown-row').attr('data-party', party.id);
      wrappedLabel(row, party.name, x0 - 8, cy, labelW - 12, font, { bold: true, maxLines: linesIn(rowH, font) }).attr('text-anchor', 'end').attr('fill', theme.text);
      if (score.match === null) {
        const label = scenarioMatchLabel(s.name, party.name, null, 0);
        const m = row.append('g').attr('class', 'mark segment').attr('role', 'img').attr('aria-label', label);
        m.append('title').text(label);
        m.append('text').attr('x', x0 + 4).attr('y', baseline(cy, font)).attr('font-size', font).attr('font-style', 'italic').attr('fill', theme.muted).text('no basis — the scenario decides no issue this party has a stake in');
        return;
      }
      const rx = x(party.reservation);
      let at = 0;
      for (const [issueId, c] of Object.entries(score.contributions).sort((a, b) => issueIndex.get(a[0])! - issueIndex.get(b[0])!)) {
        const i = issueIndex.get(issueId)!;
        const issueName = data.issues[i]!.name;
        const red = score.redLines.includes(issueId);
        const label = `${s.name} — ${party.name} — ${issueName}: ${oneDecimal(c)} of ${oneDecimal(score.match)} points${red ? ' (red line crossed)' : ''}`;
        const m = row.append('g').attr('class', 'mark segment').attr('role', 'img').attr('aria-label', label).attr('data-issue', issueId).attr('data-contribution', String(c));
        m.append('title').text(label);
        const left = x(at);
        const w = Math.max(0, x(at + c) - left);
        const fill = issueColor(i);
        m.append('rect').attr('x', left).attr('y', cy - barH / 2).attr('width', w).attr('height', barH).attr('fill', fill).attr('stroke', theme.background).attr('stroke-width', w > 2 ? 1 : 0);
        if (i >= ISSUE_PALETTE.length) m.append('rect').attr('x', left).attr('y', cy - barH / 2).attr('width', w).attr('height', barH).attr('fill', hatch);
        const text = oneDecimal(c);
        const segFont = Math.min(11, font);
        const tw = textWidth(text, segFont);
        const clearOfTick = Math.abs(left + w / 2 - rx) > tw / 2 + 3;
        if (w >= tw + 6 && barH >= segFont + 2 && clearOfTick) {
          m.append('text').attr('x', left + w / 2).attr('y', baseline(cy, segFont)).attr('text-anchor', 'middle').attr('font-size', segFont).attr('fill', textOn(fill)).text(text);
        }
        at += c;
      }
      const tick = row.append('g').attr('class', 'reservation').attr('aria-hidden', 'true');
      tick.append('line').attr('x1', rx).attr('x2', rx).attr('y1', cy - barH / 2 - 3).attr('y2', cy + barH / 2 + 3).attr('stroke', theme.background).attr('stroke-width', 4);
      tick.append('line').attr('x1', rx).attr('x2', rx).attr('y1', cy - barH / 2 - 3).attr('y2', cy + barH / 2 + 3).attr('stroke', theme.text).attr('stroke-width', 2);

      const total = row.append('g').attr('class', 'total').attr('aria-hidden', 'true');
      const end = x(score.match);
      const value = oneDecimal(score.match);
      const n = score.redLines.length;
      const note = n ? `✕ ${n} red line${n > 1 ? 's' : ''}` : '';
      const textW = textWidth(value, font, true) + (note ? 8 + textWidth(note, font, true) : 0);
      // Clear of the reservation tick: a total that would cross it starts just after it.
      const lx = rx >= end - 1 && rx <= end + 6 + textW + 2 ? rx + 6 : end + 6;
      total.append('text').attr('x', lx).attr('y', baseline(cy, font)).attr('font-size', font).attr('font-weight', 700).attr('fill', theme.text).text(value);
      if (note) {
        const nx = lx + textWidth(value, font, true) + 8;
        total.append('text').attr('x', nx).attr('y', baseline(cy, font)).attr('font-size', font).attr('font-weight', 700).attr('fill', theme.danger).text(fitText(note, plot.x + plot.width - nx, font, true));
      }
    });
  },

  csv(data, settings) {
    const s = breakdownScenario(data, settings);
    const rows: CsvValue[][] = [['case', 'as_of', 'scenario', 'scenario_name', 'party', 'party_name', 'issue', 'issue_name', 'contribution', 'match', 'red_line']];
    const issueName = new Map(data.issues.map((i) => [i.id, i.name]));
    s.parties.forEach((score, j) => {
      const party = data.parties[j]!;
      const entries = data.issues.filter((i) => score.contributions[i.id] !== undefined);
      if (entries.length === 0) rows.push([data.caseId, data.asOf, s.id, s.name, party.id, party.name, null, null, null, score.match, null]);
      for (const issue of entries) {
        rows.push([data.caseId, data.asOf, s.id, s.name, party.id, party.name, issue.id, issueName.get(issue.id)!, score.contributions[issue.id]!, score.match, score.redLines.includes(issue.id)]);
      }
    });
    return rows;
  },
};
