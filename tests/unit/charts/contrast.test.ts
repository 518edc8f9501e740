// Heatmap numbers must be readable on every cell colour (WCAG AA, 4.5:1), in both themes: the app, the
// exports and the report all draw the heatmap with the same builder, so checking what it draws covers all three.
import { describe, expect, it } from 'vitest';
import type { CompareData } from '../../../src-core/charts/compare-data.ts';
import { defaultChartSize, drawChart } from '../../../src-core/charts/index.ts';
import { heatColor } from '../../../src-core/charts/heatmap.ts';
import { contrastRatio, DARK, ISSUE_PALETTE, LIGHT, textOn } from '../../../src-core/charts/palette.ts';
import { svgElement } from './chart-fixtures.ts';

/** Every match from 0 to 100 in steps of 0.1, as integers of tenths so no step is lost to rounding. */
const RAMP = Array.from({ length: 1001 }, (_, i) => i / 10);

describe('contrast ratio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 6);
    // WebAIM's checker: #767676 on white is the lightest grey that passes AA (4.54:1).
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ffffff', '#767676')).toBeCloseTo(4.54, 2);
  });

  it('picks black or white, whichever is higher, and that is at least 4.5:1 on every heatmap colour', () => {
    for (const m of RAMP) {
      const fill = heatColor(m);
      const ink = textOn(fill);
      const other = ink === '#000000' ? '#ffffff' : '#000000';
      expect(contrastRatio(fill, ink), `${m}: ${ink} on ${fill}`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(fill, ink)).toBeGreaterThanOrEqual(contrastRatio(fill, other));
    }
  });

  it('the mid-range cells the review measured get black text', () => {
    for (const m of [63.2, 66.1, 68.8]) expect(textOn(heatColor(m)), String(m)).toBe('#000000');
  });

  it('segment labels of the breakdown read on every issue colour', () => {
    for (const fill of ISSUE_PALETTE) expect(contrastRatio(fill, textOn(fill)), fill).toBeGreaterThanOrEqual(4.5);
  });
});

/** 91 scenarios × 11 parties = 1001 cells holding every match of the ramp; every seventh crosses a red line. */
function rampData(): CompareData {
  const parties = Array.from({ length: 11 }, (_, j) => ({ id: `p${j}`, name: `P${j}`, color: '#0072B2', reservation: 50 }));
  const scenarios = Array.from({ length: 91 }, (_, i) => ({
    id: `s${i}`,
    name: `S${i}`,
    terms: {},
    parties: parties.map((p, j) => {
      const k = i * 11 + j;
      return { party: p.id, match: RAMP[k]!, coverage: 100, redLines: k % 7 === 0 ? ['x'] : [], acceptable: false, contributions: {} };
    }),
    aggregate: { worst: 0, mean: 0, spread: 0, nash: 0 },
    conflicts: [],
  }));
  return { caseId: 'ramp', caseTitle: 'Ramp', asOf: null, parties, issues: [{ id: 'x', name: 'X' }], scenarios };
}

describe.each([
  ['light', LIGHT],
  ['dark', DARK],
])('the heatmap in the %s theme', (_name, theme) => {
  it('draws every cell’s number at 4.5:1 or more against the cell', () => {
    const data = rampData();
    const svg = svgElement();
    drawChart(svg, 'heatmap', data, { ...defaultChartSize('heatmap', data, {}), theme });
    const cells = Array.from(svg.querySelectorAll('.cell'));
    expect(cells).toHaveLength(1001);
    const seen = new Set<string>();
    for (const cell of cells) {
      const fill = cell.querySelector('rect')!.getAttribute('fill')!;
      for (const text of Array.from(cell.querySelectorAll('text'))) {
        const ink = text.getAttribute('fill')!;
        expect(contrastRatio(fill, ink), `${cell.getAttribute('aria-label')}: ${ink} on ${fill}`).toBeGreaterThanOrEqual(4.5);
      }
      // The ✕ of a crossed red line is drawn in the same ink.
      const cross = cell.querySelector('path');
      if (cross) expect(contrastRatio(fill, cross.getAttribute('stroke')!)).toBeGreaterThanOrEqual(4.5);
      seen.add(cell.getAttribute('data-match')!);
    }
    expect(seen.size).toBe(1001);
  });

  it('writes "no basis" legibly on the empty cell', () => {
    expect(contrastRatio(theme.track, theme.muted)).toBeGreaterThanOrEqual(4.5);
  });
});
