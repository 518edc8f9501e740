// Issue 13, point 5: every chart can be read as a table with the very numbers the chart draws.
import { describe, expect, it } from 'vitest';
import { compareTable, contributionTable, matchTable } from '../../../src-core/charts/chart-table.ts';
import { orderScenarios } from '../../../src-core/charts/compare-data.ts';
import { oneDecimal } from '../../../src-core/charts/format.ts';
import { CHART_KINDS, chartTitle } from '../../../src-core/charts/index.ts';
import { scatterPoints } from '../../../src-core/charts/scatter-points.ts';
import { analyseRobustness } from '../../../src-core/robustness/sensitivity.ts';
import { DEFAULT_ROBUSTNESS } from '../../../src-core/robustness/settings.ts';
import { dataOf, ukraine } from './chart-fixtures.ts';

const data = dataOf(ukraine());
const c = ukraine();
// The robustness kinds draw an analysis of the compared scenarios.
const withRobustness = { ...data, robustness: analyseRobustness(c, c.scenarios, { ...DEFAULT_ROBUSTNESS, samples: 200 }, c.asOf ?? null) };

describe('compare tables', () => {
  it('every chart kind has a captioned table whose rows all have one cell per column', () => {
    for (const kind of CHART_KINDS) {
      const t = compareTable(kind, withRobustness, {});
      expect(t.caption, kind).toContain(chartTitle(kind, withRobustness, {}));
      // The default case has a single flip point; every other table has a row per scenario or issue.
      expect(t.rows.length, kind).toBeGreaterThan(kind === 'tornado' ? 0 : 1);
      for (const r of t.rows) expect(r, kind).toHaveLength(t.columns.length);
    }
  });

  it('the flip-point table says each flip in the words the tornado uses, and the ranges table carries p5–p95', () => {
    const flips = compareTable('tornado', withRobustness, {});
    expect(flips.rows).toHaveLength(withRobustness.robustness.sides.length);
    for (const row of flips.rows) expect(row[3]).toMatch(/^If .+ salience of .+ were \d+ instead of \d+, “.+” would rank first\.|No (lower|higher) salience changes the ranking\./);
    const ranges = compareTable('ranges', withRobustness, {});
    const first = withRobustness.robustness.report.scenarios[0]!.parties[0]!;
    expect(ranges.rows[0]![1]).toContain(`p5–p95 ${oneDecimal(first.p5!)}–${oneDecimal(first.p95!)}%`);
  });

  it('the heatmap table follows the sort and shows each match to one decimal, with red lines', () => {
    const t = compareTable('heatmap', data, { sortBy: 'worst' });
    const ordered = orderScenarios(data.scenarios, 'worst');
    expect(t.rows.map((r) => r[0])).toEqual(ordered.map((s) => s.name));
    expect(t.columns.at(-1)!.label).toBe('Worst match');
    const s = ordered[0]!;
    s.parties.forEach((p, j) => {
      expect(t.rows[0]![j + 1]).toMatch(new RegExp(`^${oneDecimal(p.match!)}%`));
      if (p.redLines.length) expect(t.rows[0]![j + 1]).toContain(`✕ ${p.redLines.length} red line`);
    });
  });

  it('the scatter table names the Pareto front as the chart draws it', () => {
    const t = compareTable('scatter', data, { parties: ['russia', 'ukraine'] });
    const { points } = scatterPoints(data, { parties: ['russia', 'ukraine'] });
    for (const p of points) expect(t.rows.find((r) => r[0] === p.scenario.name)![3]).toBe(p.front ? 'yes' : 'no');
  });

  it('the breakdown table adds up to the match in its last row', () => {
    const t = compareTable('breakdown', data, { scenario: 'alaska-terms' });
    const s = data.scenarios.find((x) => x.id === 'alaska-terms')!;
    expect(t.rows.at(-1)![0]).toBe('Match');
    s.parties.forEach((p, j) => {
      const sum = t.rows.slice(0, -1).reduce((acc, r) => acc + (r[j + 1] === '—' ? 0 : Number(r[j + 1])), 0);
      expect(Math.abs(sum - p.match!)).toBeLessThan(0.05 * data.issues.length);
    });
  });
});

describe('builder tables', () => {
  it('the match table has one row per party with reservation and red lines', () => {
    const t = matchTable([{ party: 'p', name: 'P', color: '#000000', match: 38.5, reservation: 60, redLines: ['x'], acceptable: false }], 'Match');
    expect(t.rows).toEqual([['P', '38.5%', '60', '1', 'no']]);
  });

  it('the contribution table shows points earned and lost, and an open issue as not counted', () => {
    const t = contributionTable(
      [
        { issue: 'a', issueName: 'A', optionLabel: 'Yes', stance: 'red_line', salience: 5, contribution: 0, loss: 50, redLine: true },
        { issue: 'b', issueName: 'B', optionLabel: null, stance: null, salience: 2, contribution: 0, loss: 0, redLine: false },
      ],
      'Why',
    );
    expect(t.rows).toEqual([
      ['A', 'Yes', 'red line ✕', '5', '0.0', '50.0'],
      ['B', 'open — not counted', '—', '2', '—', '—'],
    ]);
  });
});
