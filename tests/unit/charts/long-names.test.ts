// Long party and scenario names wrap onto two lines before they are cut with "…", at every width the
// app and the exports draw, and no label ever overlaps another or leaves the chart.
import { describe, expect, it } from 'vitest';
import { CHART_KINDS, defaultChartSize, drawChart, type ChartKind, type ChartSettings } from '../../../src-core/charts/index.ts';
import { LIGHT } from '../../../src-core/charts/palette.ts';
import { textWidth, wrapText } from '../../../src-core/charts/text-metrics.ts';
import type { Case } from '../../../src-core/model.ts';
import { dataOf, svgElement, ukraine } from './chart-fixtures.ts';
import { clippedTexts, overlappingTexts } from './text-boxes.ts';

describe('wrapText', () => {
  it('leaves text that fits on one line alone', () => {
    expect(wrapText('Russia', 100, 12)).toEqual({ lines: ['Russia'], cut: false });
  });

  it('breaks at spaces into lines that each fit, keeping every word', () => {
    const text = 'European coalition of the willing';
    const { lines, cut } = wrapText(text, 130, 12);
    expect(cut).toBe(false);
    expect(lines).toHaveLength(2);
    expect(lines.join(' ')).toBe(text);
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(130);
  });

  it('cuts only the last line with "…" when two lines are not enough, and says so', () => {
    const text = 'Comprehensive ceasefire with international monitoring and a phased withdrawal of forces';
    const { lines, cut } = wrapText(text, 150, 12);
    expect(cut).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.endsWith('…')).toBe(false);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(text.startsWith(lines[0]!)).toBe(true);
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(150);
  });

  it('breaks after a hyphen, and inside a word only when no break point fits', () => {
    expect(wrapText('ceasefire-first-then-talks plan', 110, 12).lines[0]).toMatch(/-$/);
    const word = 'Wolfeschlegelsteinhausenbergerdorff';
    const { lines } = wrapText(word, 80, 12);
    expect(lines).toHaveLength(2);
    expect(textWidth(lines[0]!, 12)).toBeLessThanOrEqual(80);
    expect(word.startsWith(lines[0]!)).toBe(true);
  });

  it('one line allowed: the old cut with "…"', () => {
    expect(wrapText('European coalition of the willing', 130, 12, false, 1)).toEqual({ lines: [expect.stringMatching(/…$/)], cut: true });
  });
});

const LONG_PARTY = 'European coalition of the willing (France, Germany, UK)';
const LONG_SCENARIO = 'Ceasefire first, then talks on territory and security guarantees';
const VERY_LONG_SCENARIO = 'Comprehensive ceasefire with international monitoring, a phased withdrawal of forces, prisoner exchanges and reconstruction funds';

/** The default case with a long party name and long scenario names. */
function longNames(): Case {
  const c = ukraine();
  c.parties[3]!.name = LONG_PARTY;
  c.parties[1]!.name = 'Ukraine (President Zelenskyy and the Verkhovna Rada)';
  c.scenarios[3]!.name = LONG_SCENARIO;
  c.scenarios[0]!.name = VERY_LONG_SCENARIO;
  return c;
}

const SETTINGS: Record<ChartKind, ChartSettings> = { heatmap: { sortBy: 'worst' }, bars: {}, radar: {}, scatter: {}, breakdown: {}, ranges: {}, tornado: {} };

function draw(kind: ChartKind, width?: number): SVGSVGElement {
  const data = dataOf(longNames());
  const size = defaultChartSize(kind, data, SETTINGS[kind], width);
  const svg = svgElement();
  drawChart(svg, kind, data, { ...SETTINGS[kind], ...size, theme: LIGHT });
  return svg;
}

/** Every place a name is drawn: the lines of each group of <text> that spell the start of it. */
function occurrences(svg: Element, name: string): string[][] {
  const squash = (s: string) => s.replace(/[\s…]/g, '');
  const found: string[][] = [];
  for (const g of Array.from(svg.querySelectorAll('g'))) {
    const lines = Array.from(g.children).filter((c) => c.localName === 'text').map((t) => t.textContent ?? '');
    if (lines.length === 0) continue;
    const joined = squash(lines.join(''));
    if (joined.length >= 6 && squash(name).startsWith(joined)) found.push(lines);
  }
  return found;
}

describe.each([undefined, 480, 720, 1200])('long names at %s px wide (undefined: the default size)', (width) => {
  it.each(CHART_KINDS)('%s: no label overlaps another or leaves the chart', (kind) => {
    const svg = draw(kind, width);
    expect(overlappingTexts(svg)).toEqual([]);
    expect(clippedTexts(svg)).toEqual([]);
  });

  it('heatmap rows show a long scenario name whole on two lines, and a longer one cut only on its second line', () => {
    const svg = draw('heatmap', width);
    const long = occurrences(svg.querySelector('.heat-row[data-scenario="europe-ceasefire-first"]')!, LONG_SCENARIO);
    expect(long).toHaveLength(1);
    expect(long[0]).toHaveLength(2);
    const veryLong = occurrences(svg.querySelector('.heat-row[data-scenario="alaska-terms"]')!, VERY_LONG_SCENARIO)[0]!;
    expect(veryLong).toHaveLength(2);
    expect(VERY_LONG_SCENARIO.startsWith(veryLong[0]!)).toBe(true);
    expect(veryLong[1]!.endsWith('…')).toBe(true);
    if (width === undefined || width >= 720) expect(long[0]!.join(' ')).toBe(LONG_SCENARIO);
  });

  it('grouped bars label every bar with the long party name on two lines, whole', () => {
    const svg = draw('bars', width);
    const groups = Array.from(svg.querySelectorAll('.bar-group'));
    for (const group of groups) {
      const names = occurrences(group, LONG_PARTY).filter((lines) => !lines.some((l) => /^\d/.test(l)));
      expect(names).toHaveLength(1);
      expect(names[0]).toHaveLength(2);
      expect(names[0]!.join(' ').replace(/…$/, '')).toBe(LONG_PARTY.slice(0, names[0]!.join(' ').replace(/…$/, '').length));
    }
    // A scenario heading too long for the width takes a second line before it is cut.
    const heading = occurrences(svg.querySelector('.bar-group[data-scenario="alaska-terms"]')!, VERY_LONG_SCENARIO)[0]!;
    expect(heading.join(' ')).toBe(textWidth(VERY_LONG_SCENARIO, 12, true) <= (width ?? 760) - 32 ? VERY_LONG_SCENARIO : heading.join(' '));
    if (textWidth(VERY_LONG_SCENARIO, 12, true) > (width ?? Infinity) - 32) expect(heading).toHaveLength(2);
  });

  it('the breakdown and the radar put a long party name on two lines', () => {
    for (const kind of ['breakdown', 'radar'] as const) {
      const found = occurrences(draw(kind, width), LONG_PARTY).filter((lines) => lines.length > 1);
      expect(found.length, kind).toBeGreaterThanOrEqual(1);
      for (const lines of found) expect(lines, kind).toHaveLength(2);
    }
  });

  it('the radar legend gives a long scenario name two lines', () => {
    const legend = draw('radar', width).querySelector('.legend')!;
    const found = occurrences(legend, VERY_LONG_SCENARIO);
    expect(found).toHaveLength(1);
    expect(found[0]).toHaveLength(2);
  });
});
