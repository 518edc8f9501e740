// Colour-blind-safe colours (Okabe & Ito 2008) and the light/dark chart themes.
import type { Case } from '../model.ts';

export const SAFE_PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#7F7F7F'] as const;

export interface ChartTheme {
  name: 'light' | 'dark';
  background: string;
  text: string;
  muted: string;
  grid: string;
  track: string;
  /** Red-line marks; always paired with a symbol and text, never colour alone. */
  danger: string;
  ok: string;
  font: string;
}

export const LIGHT: ChartTheme = {
  name: 'light',
  background: '#ffffff',
  text: '#1d1f23',
  muted: '#5b616b',
  grid: '#d9dce1',
  track: '#eef0f3',
  danger: '#b3261e',
  ok: '#1b6e3a',
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
};

export const DARK: ChartTheme = {
  name: 'dark',
  background: '#17191d',
  text: '#eceef1',
  muted: '#a4aab4',
  grid: '#3a3f47',
  track: '#24272d',
  danger: '#ff8a80',
  ok: '#7fd69b',
  font: LIGHT.font,
};

export const themeByName = (name: 'light' | 'dark'): ChartTheme => (name === 'dark' ? DARK : LIGHT);

/** Each party's colour: its own when the case sets one, else the next unused safe colour. */
export function partyColors(c: Pick<Case, 'parties'>): Map<string, string> {
  const used = new Set(c.parties.map((p) => p.color?.toUpperCase()).filter(Boolean));
  const free = SAFE_PALETTE.filter((col) => !used.has(col));
  let next = 0;
  return new Map(c.parties.map((p) => [p.id, p.color ?? free[next++ % Math.max(1, free.length)] ?? SAFE_PALETTE[0]]));
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two #rrggbb colours, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Black or white text on `hex`, whichever has the higher contrast ratio. One of the two always reaches
 * 4.58:1 or more (WCAG AA for text), whatever the colour.
 */
export function textOn(hex: string): '#000000' | '#ffffff' {
  return contrastRatio(hex, '#000000') >= contrastRatio(hex, '#ffffff') ? '#000000' : '#ffffff';
}

/** A categorical palette for issues (Paul Tol's "muted", colour-blind safe), distinct from the party colours. */
export const ISSUE_PALETTE = ['#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255', '#AA4499'] as const;
