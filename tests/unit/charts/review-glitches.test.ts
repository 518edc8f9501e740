// Issue 13, point 10: the small glitches a newcomer saw in the live charts and the radar.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { matchLabel } from '../../../src-core/charts/format.ts';
import { drawMatchChart, type MatchBar } from '../../../src-core/charts/match-chart.ts';
import { DARK, LIGHT } from '../../../src-core/charts/palette.ts';
import { scenarioStyle } from '../../../src-core/charts/radar.ts';
import { textWidth } from '../../../src-core/charts/text-metrics.ts';

function svg(): SVGSVGElement {
  const { document } = parseHTML('<!doctype html><html><body><svg></svg></body></html>');
  return document.querySelector('svg') as unknown as SVGSVGElement;
}

const noBasis = (reservation: number): MatchBar => ({ party: 'p', name: 'Observer', color: '#0072B2', match: null, reservation, redLines: [], acceptable: false });

describe('"no basis" in the match chart', () => {
  for (const reservation of [50, 30, 10, 0, 90, 100]) {
    it(`stays clear of the reservation tick and inside the track (reservation ${reservation})`, () => {
      for (const width of [460, 600]) {
        const node = svg();
        drawMatchChart(node, [noBasis(reservation)], { width });
        const text = node.querySelector('text.nobasis')!;
        const x0 = Number(text.getAttribute('x'));
        const x1 = x0 + textWidth(text.textContent!, 13);
        const tick = Number(node.querySelector('line.reservation')!.getAttribute('x1'));
        const track = node.querySelector('rect.track')!;
        const trackEnd = Number(track.getAttribute('x')) + Number(track.getAttribute('width'));
        expect(text.textContent).toMatch(/^no basis/);
        expect(x0).toBeGreaterThanOrEqual(Number(track.getAttribute('x')));
        expect(x1, `ends at ${x1}, past the end of the track at ${trackEnd}`).toBeLessThanOrEqual(trackEnd);
        // Either wholly before the tick or wholly after it.
        expect(x1 <= tick - 2 || x0 >= tick + 2, `"${text.textContent}" (${x0}–${x1}) runs over the tick at ${tick}`).toBe(true);
      }
    });
  }
});

describe('what a screen reader hears', () => {
  it('is the number the bar shows, to one decimal', () => {
    expect(matchLabel('Ukraine', 38.5, 0)).toBe('Ukraine: 38.5% match');
    expect(matchLabel('Ukraine', 18.25, 1)).toBe('Ukraine: 18.3% match, 1 red line crossed');
    const node = svg();
    drawMatchChart(node, [{ ...noBasis(50), match: 38.5 }], { width: 600 });
    const row = node.querySelector('g.row')!;
    expect(row.getAttribute('aria-label')).toBe('Observer: 38.5% match');
    expect(row.querySelector('text.value')!.textContent).toBe('38.5%');
  });
});

/** CIE 1976 colour difference in L*a*b* (sRGB, D65). */
function deltaE(a: string, b: string): number {
  const lab = (hex: string) => {
    const n = parseInt(hex.slice(1), 16);
    const [r, g, bl] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
    const x = f((r * 0.4124 + g * 0.3576 + bl * 0.1805) / 0.95047);
    const y = f(r * 0.2126 + g * 0.7152 + bl * 0.0722);
    const z = f((r * 0.0193 + g * 0.1192 + bl * 0.9505) / 1.08883);
    return [116 * y - 16, 500 * (x - y), 200 * (y - z)] as const;
  };
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

describe('radar series', () => {
  for (const theme of [LIGHT, DARK]) {
    it(`two of the first eight that share a dash differ clearly in colour (${theme.name})`, () => {
      for (let i = 0; i < 8; i++) {
        for (let j = i + 1; j < 8; j++) {
          const a = scenarioStyle(i, theme);
          const b = scenarioStyle(j, theme);
          if (a.dash !== b.dash) continue;
          expect(deltaE(a.color, b.color), `series ${i + 1} (${a.color}) and ${j + 1} (${b.color}) share the dash "${a.dash}"`).toBeGreaterThanOrEqual(40);
        }
      }
    });

    it(`neighbours differ in dash and no two of twenty share colour and dash (${theme.name})`, () => {
      const styles = Array.from({ length: 20 }, (_, i) => scenarioStyle(i, theme));
      for (let i = 1; i < styles.length; i++) expect(styles[i]!.dash).not.toBe(styles[i - 1]!.dash);
      expect(new Set(styles.map((s) => `${s.color} ${s.dash}`)).size).toBe(20);
    });
  }
});
