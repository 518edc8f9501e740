// The timeline chart (DESIGN §10): the engine's scores on every change date, one mark per date whose text
// alternative names every party's match and the statements that took effect, points only where a score
// changes, and the numbers as CSV.
import { describe, expect, it } from 'vitest';
import { compareData } from '../../../src-core/charts/compare-data.ts';
import { chartCsv, defaultChartSize, drawChart } from '../../../src-core/charts/index.ts';
import { LIGHT } from '../../../src-core/charts/palette.ts';
import { timelineSeries, withTimeline } from '../../../src-core/charts/timeline-chart.ts';
import type { Case } from '../../../src-core/model.ts';
import { timeline } from '../../../src-core/timeline.ts';
import { readCase, ROOT, svgElement } from './chart-fixtures.ts';

const small = (): Case => readCase(`${ROOT}/tests/fixtures/cli-small-case.json`);

function draw(c: Case, scenario = c.scenarios[0]!, asOf: string | null = null) {
  const data = withTimeline(compareData(c, [scenario], asOf), c, {});
  const svg = svgElement();
  drawChart(svg, 'timeline', data, { ...defaultChartSize('timeline', data), theme: LIGHT });
  return { svg, data };
}

describe('timelineSeries', () => {
  it('scores the scenario as src-core/timeline does and names what changed on each date', () => {
    const c = small();
    const s = timelineSeries(c, c.scenarios[0]!);
    const t = timeline(c, c.scenarios[0]!.terms);
    expect(s.dates).toEqual(['2024-04-02', '2024-06-01']);
    expect(s.parties).toEqual(t.parties);
    // Downstream's first statement on monitoring; Upstream's second on the dam, after an undated one.
    expect(s.changes).toEqual([['Downstream State on Joint monitoring (2024-04-02), first statement'], ['Upstream State on New dam (2024-06-01), revised']]);
  });
});

describe('the timeline chart', () => {
  it('has one mark per date naming every party’s match and the statements that took effect', () => {
    const c = small();
    const { svg, data } = draw(c);
    const marks = Array.from(svg.querySelectorAll('g.mark.date'));
    expect(marks.map((m) => m.getAttribute('data-date'))).toEqual(data.timeline!.dates);
    for (const m of marks) expect(m.getAttribute('role')).toBe('img');
    const label = marks[1]!.getAttribute('aria-label')!;
    const [up, down, mediator] = data.timeline!.parties.map((s) => s.points[1]!);
    expect([up!.acceptable, down!.acceptable, mediator!.acceptable, up!.redLines, down!.redLines, mediator!.redLines]).toEqual([true, true, true, [], [], []]);
    const pct = (m: number | null) => `${(Math.round(m! * 10) / 10).toFixed(1)}%`;
    expect(label).toBe(`As of 2024-06-01: Upstream State: ${pct(up!.match)}, acceptable; Downstream State: ${pct(down!.match)}, acceptable; Mediator, "neutral": ${pct(mediator!.match)}, acceptable. Changed by: Upstream State on New dam (2024-06-01), revised.`);
  });

  it('draws a point only where a party’s score changes, and labels every line’s end with its latest match', () => {
    const c = small();
    const { svg, data } = draw(c);
    const series = data.timeline!;
    series.parties.forEach((s) => {
      const changes = s.points.filter((p, i) => p.match !== null && (i === 0 || p.match !== s.points[i - 1]!.match || p.acceptable !== s.points[i - 1]!.acceptable || p.redLines.length !== s.points[i - 1]!.redLines.length)).length;
      expect(svg.querySelectorAll(`g.party[data-party="${s.party}"] circle`)).toHaveLength(changes);
    });
    const ends = Array.from(svg.querySelectorAll('.end-labels text')).map((t) => t.textContent);
    expect(ends).toHaveLength(c.parties.length);
    const last = series.parties[0]!.points.at(-1)!.match!;
    expect(ends[0]).toBe(`Upstream State ${(Math.round(last * 10) / 10).toFixed(1)}%`);
  });

  it('marks the as-of date, and says so when no statement is dated', () => {
    const c = small();
    expect(draw(c, c.scenarios[0]!, '2024-05-01').svg.querySelector('g.as-of line')).not.toBeNull();
    expect(draw(c).svg.querySelector('g.as-of')).toBeNull();
    const undated = { ...c, positions: c.positions.map(({ date: _date, ...p }) => p) };
    const { svg } = draw(undated);
    const marks = Array.from(svg.querySelectorAll('.mark'));
    expect(marks).toHaveLength(1);
    expect(marks[0]!.getAttribute('aria-label')).toBe('No dated statements: the scores do not change over time.');
  });

  it('draws a single date without broken geometry', () => {
    const c = small();
    const one = { ...c, positions: c.positions.filter((p) => p.date !== '2024-06-01') };
    const { svg } = draw(one);
    expect(svg.querySelectorAll('g.mark.date')).toHaveLength(1);
    const attrs = Array.from(svg.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).map((a) => a.value));
    expect(attrs.filter((v) => /NaN|Infinity/.test(v))).toEqual([]);
  });

  it('its CSV has one row per date and party with the engine’s match, unrounded', () => {
    const c = small();
    const data = withTimeline(compareData(c, c.scenarios, null), c, { scenario: 'halt-dam' });
    const rows = chartCsv('timeline', data, { scenario: 'halt-dam' }).trimEnd().split('\r\n');
    expect(rows[0]).toBe('case,scenario,scenario_name,date,party,party_name,match,acceptable,red_lines_crossed,red_lines,changed_by');
    const t = timeline(c, c.scenarios.find((s) => s.id === 'halt-dam')!.terms);
    expect(rows).toHaveLength(1 + t.dates.length * c.parties.length);
    const upstreamLast = rows.find((r) => r.includes(',2024-06-01,upstream,'))!;
    expect(upstreamLast).toContain(`,${t.parties[0]!.points[1]!.match},`);
  });
});
