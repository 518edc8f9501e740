// Where a scatter's parts go: the square plot, the reservation labels, every point's label at the first
// free spot around it (a number keyed beside or below the plot when no name fits), and the key.
import { scaleLinear } from 'd3';
import { fitText, textWidth } from './text-metrics.ts';
import { frontLine, type Party, type ScatterPoint } from './scatter-points.ts';

export const LEFT_AXIS = 46;
export const BOTTOM_AXIS = 40;
export const KEY_W = 210;
export const LABEL_FONT = 11;
const LABEL_MAX = 170;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Whether the segment from a to b passes through the box (Liang–Barsky clipping). */
function crosses(a: [number, number], b: [number, number], box: Box): boolean {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const p = [-dx, dx, -dy, dy];
  const q = [a[0] - box.x, box.x + box.w - a[0], a[1] - box.y, box.y + box.h - a[1]];
  let t0 = 0;
  let t1 = 1;
  for (let i = 0; i < 4; i++) {
    if (p[i] === 0) {
      if (q[i]! < 0) return false;
      continue;
    }
    const t = q[i]! / p[i]!;
    if (p[i]! < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}


interface PlacedLabel {
  text: string;
  full: string;
  box: Box;
}

export interface ScatterLayout {
  side: number;
  x0: number;
  y0: number;
  x: (v: number) => number;
  y: (v: number) => number;
  /** Text and box of the reservation line labels. */
  xRes: { text: string; box: Box; anchorStart: boolean };
  yRes: { text: string; box: Box; above: boolean };
  labels: PlacedLabel[];
  /** Points labelled by number, listed in the key. */
  keyed: { n: number; names: string }[];
  /** Where the key of numbered and unplotted scenarios goes, if there is one. */
  key: KeyPlace;
}

type KeyPlace = 'none' | 'side' | 'below';
export const KEY_LINE = 16;
/** Lines of the key: a heading and a line per entry, for numbered points and for scenarios not plotted. */
export const keyLines = (keyed: number, unplotted: number) => (keyed ? keyed + 1 : 0) + (unplotted ? unplotted + 1 : 0);
export const keyHeight = (lines: number) => (lines ? lines * KEY_LINE + 16 : 0);
/** The key goes beside the plot when that leaves the plot at least this wide, else below it. */
const MIN_SIDE_WITH_KEY = 300;

/**
 * Where everything goes in a plot area: the square plot, then the labels, each at the first free spot
 * around its point (the Pareto front first); a number keyed beside the plot when no name fits. The key
 * takes room only when needed.
 */
export function scatterLayout(
  px: Party,
  py: Party,
  points: readonly ScatterPoint[],
  unplotted: number,
  area: { x: number; y: number; width: number; height: number; maxSide?: number },
): ScatterLayout {
  const attempt = (key: KeyPlace, reservedLines = 0): ScatterLayout => {
    const wide = area.width - LEFT_AXIS - (key === 'side' ? KEY_W + 16 : 8);
    const tall = area.height - BOTTOM_AXIS - 8 - (key === 'below' ? keyHeight(reservedLines) : 0);
    const side = Math.max(120, Math.min(wide, tall, area.maxSide ?? Infinity));
    const x0 = area.x + LEFT_AXIS;
    const y0 = area.y + 4;
    const x = scaleLinear().domain([0, 100]).range([x0, x0 + side]);
    const y = scaleLinear().domain([0, 100]).range([y0 + side, y0]);

    const rx = x(px.reservation);
    const ry = y(py.reservation);
    const xText = fitText(`${px.name} ${px.reservation}`, side * 0.45, 10);
    const yText = fitText(`${py.name} ${py.reservation}`, side * 0.45, 10);
    const xw = textWidth(xText, 10);
    const yw = textWidth(yText, 10);
    const anchorStart = rx + 4 + xw <= x0 + side;
    const above = ry - 16 >= y0;
    const xRes = { text: xText, anchorStart, box: { x: anchorStart ? rx + 2 : rx - 6 - xw, y: y0, w: xw + 4, h: 14 } };
    const yRes = { text: yText, above, box: { x: x0 + side - 6 - yw, y: above ? ry - 15 : ry + 1, w: yw + 4, h: 14 } };

    const markers: Box[] = points.map((p) => ({ x: x(p.x) - 7, y: y(p.y) - 7, w: 14, h: 14 }));
    const front = frontLine(points).map((p): [number, number] => [x(p.x), y(p.y)]);
    const onFront = (b: Box) => front.some((pt, i) => i > 0 && crosses(front[i - 1]!, pt, b));
    const fixed = [xRes.box, yRes.box];
    // Labels may reach a little past the plot's top and right edges (the frame leaves room), never over the axes.
    const plotBox: Box = { x: x0 + 2, y: y0 - 12, w: side + 6, h: side + 10 };
    const inside = (b: Box) => b.x >= plotBox.x && b.y >= plotBox.y && b.x + b.w <= plotBox.x + plotBox.w && b.y + b.h <= plotBox.y + plotBox.h;
    const placed: Box[] = [];
    /** The first free spot around the point, trying each of `gaps` (extra distance) in turn. */
    const tryPlace = (text: string, cx: number, cy: number, gaps: readonly number[] = [0]): Box | null => {
      const w = textWidth(text, LABEL_FONT) + 2;
      const h = 13;
      for (const d of gaps) {
        const candidates: Box[] = [
          { x: cx + 9 + d, y: cy - h / 2, w, h },
          { x: cx - 9 - d - w, y: cy - h / 2, w, h },
          { x: cx - w / 2, y: cy - 9 - d - h, w, h },
          { x: cx - w / 2, y: cy + 9 + d, w, h },
          { x: cx + 8 + d, y: cy - 8 - d - h, w, h },
          { x: cx + 8 + d, y: cy + 8 + d, w, h },
          { x: cx - 8 - d - w, y: cy - 8 - d - h, w, h },
          { x: cx - 8 - d - w, y: cy + 8 + d, w, h },
        ];
        const free = candidates.find((b) => inside(b) && ![...placed, ...fixed, ...markers].some((o) => overlaps(o, b)) && !onFront(b));
        if (free) return free;
      }
      return null;
    };

    // Points at the same spot share one label.
    const groups = new Map<string, ScatterPoint[]>();
    for (const p of points) {
      const key = `${Math.round(x(p.x))},${Math.round(y(p.y))}`;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    const ordered = [...groups.values()].sort((a, b) => Number(b.some((p) => p.front)) - Number(a.some((p) => p.front)));
    const labels: PlacedLabel[] = [];
    const keyed: { n: number; names: string }[] = [];
    const numbered: { box: Box; entry: { n: number; names: string }; cx: number; cy: number }[] = [];
    for (const group of ordered) {
      const cx = x(group[0]!.x);
      const cy = y(group[0]!.y);
      const full = group.map((p) => p.scenario.name).join(', ');
      const name = fitText(full, LABEL_MAX, LABEL_FONT);
      const named = tryPlace(name, cx, cy);
      if (named) {
        placed.push(named);
        labels.push({ text: name, full, box: named });
        continue;
      }
      // A number may stand a little further off than a name.
      const text = String(keyed.length + 1);
      const box = tryPlace(text, cx, cy, [0, 6, 12, 18]);
      // In a crowd where even a number finds no room, the point joins the nearest numbered neighbour's entry.
      const near = box ? undefined : numbered.map((o) => ({ o, d: Math.hypot(o.cx - cx, o.cy - cy) })).sort((a, b) => a.d - b.d)[0];
      if (near && near.d < 40) {
        near.o.entry.names += `, ${full}`;
        continue;
      }
      const entry = { n: keyed.length + 1, names: full };
      keyed.push(entry);
      const at = box ?? { x: cx + 9, y: cy - 6.5, w: textWidth(text, LABEL_FONT) + 2, h: 13 };
      numbered.push({ box: at, entry, cx, cy });
      placed.push(at);
      labels.push({ text, full, box: at });
    }
    return { side, x0, y0, x, y, xRes, yRes, labels, keyed, key };
  };
  const plain = attempt('none');
  if (plain.keyed.length === 0 && unplotted === 0) return plain;
  if (area.width - LEFT_AXIS - KEY_W - 16 >= MIN_SIDE_WITH_KEY) return attempt('side');
  // Below the plot: room for as many lines as the last try needed (a smaller plot may number more points).
  const first = attempt('below', keyLines(plain.keyed.length, unplotted));
  return attempt('below', keyLines(first.keyed.length, unplotted));
}
