// The comparison chart builders, drawn into a linkedom DOM as the exports do (the app draws the very same
// code into the browser's DOM): every kind draws, every mark is named for screen readers, labels do not
// overlap at the default size, the numbers are the engine's, user text stays text.
import { describe, expect, it } from 'vitest';
import { orderScenarios, type CompareData } from '../../../src-core/charts/compare-data.ts';
import {
  CHART_KINDS,
  CHART_KIND_LABELS,
  chartCsv,
  chartSettingsErrors,
  defaultChartSize,
  drawChart,
  type ChartKind,
  type ChartSettings,
} from '../../../src-core/charts/index.ts';
import { oneDecimal } from '../../../src-core/charts/format.ts';
import { sourceLine } from '../../../src-core/charts/chart-frame.ts';
import { DARK, LIGHT } from '../../../src-core/charts/palette.ts';
import { scatterPoints } from '../../../src-core/charts/scatter.ts';
import { fitText, textWidth } from '../../../src-core/charts/text-metrics.ts';
import { scoreReport } from '../../../src-core/score-report.ts';
import { bigCase, dataOf, EVIL_ISSUE, EVIL_PARTY, EVIL_SCENARIO, evilCase, evilFlipCase, svgElement, ukraine } from './chart-fixtures.ts';
import { clippedTexts, overlappingTexts } from './text-boxes.ts';

function draw(kind: ChartKind, data: CompareData, settings: ChartSettings = {}, theme = LIGHT): SVGSVGElement {
  const svg = svgElement();
  drawChart(svg, kind, data, { ...settings, ...defaultChartSize(kind, data, settings), theme });
  return svg;
}

const marks = (svg: Element) => Array.from(svg.querySelectorAll('.mark'));

/** How many marks each kind draws: one per value it shows. */
function expectedMarks(kind: ChartKind, data: CompareData, settings: ChartSettings): number {
  const cells = data.scenarios.length * data.parties.length;
  switch (kind) {
    case 'heatmap':
      return cells + (settings.sortBy && settings.sortBy !== 'none' ? data.scenarios.length : 0);
    case 'bars':
    case 'ranges':
      return cells;
    case 'tornado':
      return (data.robustness?.sides ?? []).reduce((n, x) => n + (x.down ? 1 : 0) + (x.up ? 1 : 0), 0);
    case 'radar':
      return data.scenarios.length + data.scenarios.reduce((n, s) => n + s.parties.filter((p) => p.match !== null).length, 0);
    case 'scatter': {
      const { points } = scatterPoints(data, settings);
      return points.length + (points.some((p) => p.front) ? 1 : 0);
    }
    case 'breakdown': {
      const s = data.scenarios.find((x) => x.id === settings.scenario) ?? data.scenarios[0]!;
      return s.parties.reduce((n, p) => n + (p.match === null ? 1 : Object.keys(p.contributions).length), 0);
    }
  }
}

const SETTINGS: Record<ChartKind, ChartSettings> = { heatmap: { sortBy: 'worst' }, bars: {}, radar: {}, scatter: {}, breakdown: {}, ranges: {}, tornado: {} };

describe.each([
  ['the default case (4 parties × 4 scenarios)', ukraine],
  ['a generated case (12 parties × 20 scenarios)', bigCase],
])('%s', (_name, makeCase) => {
  const data = dataOf(makeCase());

  it.each(CHART_KINDS)('%s draws a named group whose every mark is an image with a label', (kind) => {
    const svg = draw(kind, data, SETTINGS[kind]);
    expect(svg.getAttribute('role')).toBe('group');
    expect(svg.getAttribute('aria-label')).toContain(svg.querySelector('.header text')!.textContent!.replace(/…$/, ''));
    const found = marks(svg);
    expect(found).toHaveLength(expectedMarks(kind, data, SETTINGS[kind]));
    for (const m of found) {
      expect(m.getAttribute('role')).toBe('img');
      expect((m.getAttribute('aria-label') ?? '').length).toBeGreaterThan(5);
    }
  });

  it.each(CHART_KINDS)('%s has no overlapping or clipped labels at its default size', (kind) => {
    const svg = draw(kind, data, SETTINGS[kind]);
    expect(overlappingTexts(svg)).toEqual([]);
    expect(clippedTexts(svg)).toEqual([]);
  });

  it.each(CHART_KINDS)('%s has a title, the case and date in a subtitle, a legend and the source line', (kind) => {
    const svg = draw(kind, data, SETTINGS[kind]);
    const texts = Array.from(svg.querySelectorAll('text')).map((t) => t.textContent);
    expect(texts).toContain(`${data.caseTitle} · positions as of ${data.asOf}`);
    // The footnote tells a report's reader what the match means, whose positions and of when — never a design document.
    const footnote = Array.from(svg.querySelectorAll('.source text')).map((t) => t.textContent).join(' ');
    expect(footnote.replace(/\s/g, '')).toBe(sourceLine(data).replace(/\s/g, ''));
    expect(footnote).toContain('how well the scenario');
    expect(footnote).toContain('100% = every issue settled as the party demands');
    expect(footnote.replace(/\s+/g, ' ')).toContain(`${data.caseTitle}”, as of ${data.asOf}`);
    expect(svg.textContent).not.toMatch(/DESIGN|§/);
    expect(svg.querySelectorAll('.legend-item').length).toBeGreaterThan(1);
    expect(svg.querySelector('rect.background')!.getAttribute('fill')).toBe(LIGHT.background);
  });
});

describe.each([
  ['the default case', ukraine],
  ['12 parties × 20 scenarios', bigCase],
])('%s at the sizes the Compare view draws', (_name, makeCase) => {
  const data = dataOf(makeCase());

  // The view fills its width; defaultChartSize gives the height that suits that width.
  it.each(CHART_KINDS.flatMap((kind) => [480, 720, 1200].map((width) => [kind, width] as const)))('%s at %i px wide has no overlapping or clipped labels', (kind, width) => {
    const { height } = defaultChartSize(kind, data, SETTINGS[kind], width);
    const svg = svgElement();
    drawChart(svg, kind, data, { ...SETTINGS[kind], width, height, theme: LIGHT });
    expect(overlappingTexts(svg)).toEqual([]);
    expect(clippedTexts(svg)).toEqual([]);
  });
});

describe('heatmap', () => {
  const data = dataOf(ukraine());

  it('prints every match to one decimal, marks crossed red lines with a hatch and an ✕, and sorts by the aggregate', () => {
    const svg = draw('heatmap', data, { sortBy: 'worst' });
    const order = Array.from(svg.querySelectorAll('.heat-row')).map((r) => r.getAttribute('data-scenario'));
    expect(order).toEqual(orderScenarios(data.scenarios, 'worst').map((s) => s.id));
    const worst = data.scenarios.map((s) => s.aggregate.worst!);
    expect(order.map((id) => data.scenarios.find((s) => s.id === id)!.aggregate.worst)).toEqual([...worst].sort((a, b) => b - a));
    for (const s of data.scenarios) {
      s.parties.forEach((score) => {
        const cell = svg.querySelector(`.heat-row[data-scenario="${s.id}"] .cell[data-party="${score.party}"]`)!;
        expect(Array.from(cell.querySelectorAll('text')).map((t) => t.textContent)).toContain(oneDecimal(score.match!));
        expect(cell.querySelector('rect.hatch') !== null).toBe(score.redLines.length > 0);
        expect(cell.querySelector('path') !== null).toBe(score.redLines.length > 0);
      });
    }
  });

  it('names a cell with the scenario, the party, the match to one decimal and the red lines crossed', () => {
    const svg = draw('heatmap', data);
    const alaska = data.scenarios.find((s) => s.id === 'alaska-terms')!;
    const ukr = alaska.parties.find((p) => p.party === 'ukraine')!;
    const cell = svg.querySelector('.heat-row[data-scenario="alaska-terms"] .cell[data-party="ukraine"]')!;
    expect(cell.getAttribute('aria-label')).toBe(`Russia's Alaska terms — Ukraine: ${oneDecimal(ukr.match!)}% match, ${ukr.redLines.length} red lines crossed`);
  });

  it('orders by spread from the most even, and puts scenarios without a basis last', () => {
    const order = orderScenarios(data.scenarios, 'spread').map((s) => s.aggregate.spread!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const none = { ...data.scenarios[0]!, id: 'none', aggregate: { worst: null, mean: null, spread: null, nash: null } };
    expect(orderScenarios([none, ...data.scenarios], 'mean').at(-1)!.id).toBe('none');
  });
});

describe('chartCsv', () => {
  const c = ukraine();
  const data = dataOf(c);
  const report = scoreReport(c, c.scenarios, c.asOf ?? null);
  const parse = (csv: string) => csv.trimEnd().split('\r\n').map((line) => line.split(','));
  const num = (cell: string) => (cell === '' ? null : Number(cell));

  it('heatmap, bars and radar rows carry the engine’s matches exactly', () => {
    for (const kind of ['heatmap', 'bars', 'radar'] as const) {
      const [header, ...rows] = parse(chartCsv(kind, data, {}));
      const col = (name: string) => header!.indexOf(name);
      expect(rows).toHaveLength(c.scenarios.length * c.parties.length);
      for (const r of rows) {
        const s = report.scenarios.find((x) => x.id === r[col('scenario')])!;
        const p = s.parties.find((x) => x.party === r[col('party')])!;
        expect(num(r[col('match')]!)).toBe(p.match);
      }
    }
  });

  it('scatter rows carry both matches and the Pareto front; breakdown rows the contributions, adding up to the match', () => {
    const [header, ...rows] = parse(chartCsv('scatter', data, { parties: ['russia', 'ukraine'] }));
    for (const r of rows) {
      const s = report.scenarios.find((x) => x.id === r[header!.indexOf('scenario')])!;
      expect(num(r[header!.indexOf('x_match')]!)).toBe(s.parties[0]!.match);
      expect(num(r[header!.indexOf('y_match')]!)).toBe(s.parties[1]!.match);
    }
    expect(rows.filter((r) => r[header!.indexOf('pareto_front')] === 'true').map((r) => r[header!.indexOf('scenario')])).toEqual(['ukraine-conditions', 'us-make-the-deal', 'europe-ceasefire-first']);

    const [bh, ...brows] = parse(chartCsv('breakdown', data, { scenario: 'us-make-the-deal' }));
    const s = report.scenarios.find((x) => x.id === 'us-make-the-deal')!;
    for (const p of s.parties) {
      const mine = brows.filter((r) => r[bh!.indexOf('party')] === p.party);
      expect(mine.map((r) => num(r[bh!.indexOf('contribution')]!))).toEqual(Object.values(p.contributions));
      expect(mine.reduce((sum, r) => sum + num(r[bh!.indexOf('contribution')]!)!, 0)).toBeCloseTo(p.match!, 9);
    }
  });

  it('quotes names with commas and quotes, and defuses formula-like text', () => {
    const e = evilCase();
    e.parties[1]!.name = '=HYPERLINK("x"), evil';
    const csv = chartCsv('bars', dataOf(e), {});
    expect(csv).toContain(`"${EVIL_PARTY.replace(/"/g, '""')}"`);
    expect(csv).toContain(`"'=HYPERLINK(""x""), evil"`);
  });
});

describe('settings', () => {
  const data = dataOf(ukraine());

  it('an unknown party or scenario is named', () => {
    expect(chartSettingsErrors(data, { parties: ['russia', 'atlantis'] })).toEqual([expect.stringContaining('"atlantis" is not a party')]);
    expect(chartSettingsErrors(data, { scenario: 'nope' })).toEqual([expect.stringContaining('"nope"')]);
    expect(() => draw('scatter', data, { parties: ['atlantis', 'russia'] })).toThrow(/atlantis/);
  });

  it('scatter uses the chosen parties, breakdown the chosen scenario', () => {
    const svg = draw('scatter', data, { parties: ['europe', 'united-states'] });
    expect(svg.getAttribute('aria-label')).toContain('European coalition vs United States');
    const b = draw('breakdown', data, { scenario: 'europe-ceasefire-first' });
    expect(b.getAttribute('aria-label')).toContain('European ceasefire-first plan');
  });

  it('every kind has a label, and redraws from scratch into the same element at another size and theme', () => {
    for (const kind of CHART_KINDS) expect(CHART_KIND_LABELS[kind].length).toBeGreaterThan(2);
    const svg = draw('bars', data);
    drawChart(svg, 'radar', data, { width: 500, height: 400, theme: DARK });
    expect(svg.getAttribute('width')).toBe('500');
    expect(svg.querySelectorAll('.bar')).toHaveLength(0);
    expect(svg.querySelector('rect.background')!.getAttribute('fill')).toBe(DARK.background);
  });
});

describe('user text', () => {
  const data = dataOf(evilCase());
  // The small case has no flip point, so the tornado is drawn from one that has.
  const flipData = dataOf(evilFlipCase());

  it.each(CHART_KINDS)('%s keeps markup in names as text', (kind) => {
    const svg = draw(kind, kind === 'tornado' ? flipData : data, kind === 'breakdown' ? { scenario: 'split' } : {});
    expect(svg.querySelectorAll('script, b')).toHaveLength(0);
    const texts = Array.from(svg.querySelectorAll('text, title')).map((t) => t.textContent);
    expect(texts.some((t) => t?.includes(EVIL_PARTY))).toBe(true);
    if (kind !== 'breakdown') expect(texts.some((t) => t?.includes(EVIL_SCENARIO))).toBe(true);
    if (kind === 'breakdown') expect(texts.some((t) => t?.includes(EVIL_ISSUE))).toBe(true);
    expect(marks(svg).some((m) => m.getAttribute('aria-label')!.includes(EVIL_PARTY))).toBe(true);
  });
});

describe('text metrics', () => {
  it('cuts text to a width with an ellipsis and leaves text that fits alone', () => {
    expect(fitText('Russia', 200, 12)).toBe('Russia');
    const cut = fitText('Recognition of occupied land', 80, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(80);
    expect(textWidth('WWW', 12, true)).toBeGreaterThan(textWidth('iii', 12, true));
  });
});
