// Where a chart's texts sit, from the same font metrics the layout uses: for the tests that no label
// overlaps another or leaves the chart.
import { textWidth } from '../../../src-core/charts/text-metrics.ts';

export interface TextBox {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const inherited = (el: Element, name: string): string | null => {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const v = e.getAttribute(name);
    if (v !== null) return v;
  }
  return null;
};

/** The box of every unrotated <text>, from the same font metrics the layout uses. */
export function textBoxes(svg: Element): TextBox[] {
  const boxes: TextBox[] = [];
  for (const t of Array.from(svg.querySelectorAll('text'))) {
    if (inherited(t, 'transform') !== null) continue;
    const text = t.textContent ?? '';
    if (!text.trim()) continue;
    const size = Number(inherited(t, 'font-size') ?? 12);
    const weight = t.getAttribute('font-weight');
    const w = textWidth(text, size, weight === '600' || weight === '700' || weight === 'bold');
    const x = Number(t.getAttribute('x'));
    const y = Number(t.getAttribute('y'));
    const anchor = inherited(t, 'text-anchor') ?? 'start';
    const x0 = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
    boxes.push({ text, x0, x1: x0 + w, y0: y - 0.76 * size, y1: y + 0.24 * size });
  }
  return boxes;
}

export function overlappingTexts(svg: Element): string[] {
  const boxes = textBoxes(svg);
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5) found.push(`"${a.text}" × "${b.text}"`);
    }
  }
  return found;
}

/** Every unrotated text inside the chart's own rectangle. */
export function clippedTexts(svg: Element): string[] {
  const w = Number(svg.getAttribute('width'));
  const h = Number(svg.getAttribute('height'));
  return textBoxes(svg)
    .filter((b) => b.x0 < -0.5 || b.x1 > w + 0.5 || b.y0 < -0.5 || b.y1 > h + 0.5)
    .map((b) => b.text);
}
