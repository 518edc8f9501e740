// How a stance looks wherever statements are shown: a colour from a colour-blind-safe set (Okabe & Ito)
// AND a text mark, never colour alone; the ink is whichever of black or white contrasts more.
import { STANCES, type Stance } from '../../src-core/model.ts';

export { STANCES };

export const STANCE_LABEL: Record<Stance, string> = { demand: 'demand', acceptable: 'acceptable', neutral: 'neutral', oppose: 'oppose', red_line: 'red line' };
export const STANCE_MARK: Record<Stance, string> = { demand: '★', acceptable: '✓', neutral: '○', oppose: '−', red_line: '✕' };
export const STANCE_COLOR: Record<Stance, string> = { demand: '#0072B2', acceptable: '#56B4E9', neutral: '#BBBBBB', oppose: '#E69F00', red_line: '#D55E00' };

function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever has the higher contrast ratio on `hex`. */
export function inkOn(hex: string): string {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}
