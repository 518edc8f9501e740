// The builder's two live charts, drawn into linkedom's DOM: what a screen reader and a reader see.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { contributionRowLabel, drawContributionChart, type ContributionRow } from '../../../src-core/charts/contribution-chart.ts';
import { matchLabel } from '../../../src-core/charts/format.ts';
import { drawMatchChart, type MatchBar } from '../../../src-core/charts/match-chart.ts';
import { DARK, partyColors, SAFE_PALETTE, textOn } from '../../../src-core/charts/palette.ts';

function svg(): SVGSVGElement {
  const { document } = parseHTML('<!doctype html><html><body><svg></svg></body></html>');
  return document.querySelector('svg') as unknown as SVGSVGElement;
}

const bars: MatchBar[] = [
  { party: 'russia', name: 'Russia', color: '#D55E00', match: 83.333, reservation: 60, redLines: ['nato', 'ceasefire'], acceptable: false },
  { party: 'ukraine', name: 'Ukraine', color: '#0072B2', match: 49.5, reservation: 60, redLines: [], acceptable: false },
  { party: 'observer', name: 'Observer <b>&</b> "friends"', color: '#009E73', match: null, reservation: 50, redLines: [], acceptable: false },
];

describe('match chart', () => {
  it('labels every bar with the engine match to one decimal, as the bar shows it', () => {
    const node = svg();
    drawMatchChart(node, bars, { width: 600 });
    const labels = [...node.querySelectorAll('g.row')].map((g) => g.getAttribute('aria-label'));
    expect(labels).toEqual(['Russia: 83.3% match, 2 red lines crossed', 'Ukraine: 49.5% match', 'Observer <b>&</b> "friends": no basis']);
  });

  it('draws bar lengths proportional to the match, the reservation tick, and a red-line badge with the count', () => {
    const node = svg();
    drawMatchChart(node, bars, { width: 600 });
    const rows = [...node.querySelectorAll('g.row')];
    const track = Number(rows[0]!.querySelector('rect.track')!.getAttribute('width'));
    expect(Number(rows[0]!.querySelector('rect.bar')!.getAttribute('width')) / track).toBeCloseTo(0.83333, 4);
    expect(Number(rows[2]!.querySelector('rect.bar')!.getAttribute('width'))).toBe(0);
    expect(rows[2]!.querySelector('text.nobasis')!.textContent).toMatch(/^no basis/);
    expect(rows[0]!.querySelector('g.badge text')!.textContent).toBe('✕ 2 red lines');
    expect(rows[1]!.querySelector('g.badge')!.getAttribute('display')).toBe('none');
    const x1 = Number(rows[0]!.querySelector('line.reservation')!.getAttribute('x1'));
    const left = Number(rows[0]!.querySelector('rect.track')!.getAttribute('x'));
    expect((x1 - left) / track).toBeCloseTo(0.6, 6);
  });

  it('keeps user text as text and updates in place on a redraw', () => {
    const node = svg();
    drawMatchChart(node, bars, { width: 600 });
    expect(node.querySelector('b')).toBeNull();
    const row = node.querySelectorAll('g.row')[2]!;
    // A long name is shortened on screen; the tooltip and the accessible label keep it whole.
    expect(row.querySelector('text.name')!.textContent).toBe('Observer <b>&</b>…');
    expect(row.querySelector('title')!.textContent).toContain('Observer <b>&</b> "friends": no basis');
    drawMatchChart(node, [{ ...bars[0]!, match: 10, redLines: [] }], { width: 600, theme: DARK });
    expect(node.querySelectorAll('g.row')).toHaveLength(1);
    expect(node.querySelector('g.row')!.getAttribute('aria-label')).toBe('Russia: 10.0% match');
  });

  it('matchLabel says "1 red line" in the singular', () => {
    expect(matchLabel('Ukraine', 18.3, 1)).toBe('Ukraine: 18.3% match, 1 red line crossed');
    expect(matchLabel('Ukraine', 99.96, 0)).toBe('Ukraine: 100.0% match');
  });
});

describe('contribution chart', () => {
  const rows: ContributionRow[] = [
    { issue: 'donetsk', issueName: 'Donetsk region', optionLabel: 'Ceded', stance: 'red_line', salience: 5, contribution: 0, loss: 50, redLine: true },
    { issue: 'nato', issueName: 'NATO membership', optionLabel: 'Open door', stance: null, salience: 5, contribution: 25, loss: 25, redLine: false },
    { issue: 'war', issueName: 'Accountability', optionLabel: null, stance: null, salience: 2, contribution: 0, loss: 0, redLine: false },
  ];

  it('gives every row a focusable, complete text alternative', () => {
    const node = svg();
    drawContributionChart(node, rows, { width: 600, color: '#0072B2' });
    const g = [...node.querySelectorAll('g.row')];
    expect(g.map((r) => r.getAttribute('tabindex'))).toEqual(['0', '0', '0']);
    expect(g[0]!.getAttribute('aria-label')).toBe('Donetsk region: Ceded — red line (red line), salience 5, adds 0.0 points, loses 50.0');
    expect(g[1]!.getAttribute('aria-label')).toBe(contributionRowLabel(rows[1]!));
    expect(g[1]!.getAttribute('aria-label')).toContain('not stated');
    expect(g[2]!.getAttribute('aria-label')).toBe('Accountability: open, not counted (salience 2)');
  });
});

describe('palette', () => {
  it('keeps a case colour and gives the others distinct safe colours', () => {
    const colors = partyColors({ parties: [{ id: 'a', name: 'A', reservation: 50, color: '#0072B2' }, { id: 'b', name: 'B', reservation: 50 }, { id: 'c', name: 'C', reservation: 50 }] });
    expect(colors.get('a')).toBe('#0072B2');
    expect(new Set(colors.values()).size).toBe(3);
    for (const c of [colors.get('b'), colors.get('c')]) expect(SAFE_PALETTE).toContain(c);
  });

  it('picks readable text on a colour', () => {
    expect(textOn('#000000')).toBe('#ffffff');
    expect(textOn('#F0E442')).toBe('#000000');
  });
});
