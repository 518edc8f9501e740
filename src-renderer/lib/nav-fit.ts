// Which view buttons fit in the header, and which go under "More": as many as fit, in order, and always the
// current view, so a narrow window still shows where you are.

export interface NavFit {
  /** Indices shown in the bar, in order. */
  shown: number[];
  /** Indices under "More", in order. */
  more: number[];
}

/**
 * `widths`: each button's width; `available`: the room for the bar; `moreWidth`: the "More" button's width;
 * `gap`: the space between buttons; `current`: the index of the current view (−1: none).
 */
export function fitNav(widths: readonly number[], available: number, moreWidth: number, gap: number, current: number): NavFit {
  const all = widths.map((_, i) => i);
  const total = (ids: readonly number[], extra = 0) => ids.reduce((s, i) => s + widths[i]!, 0) + extra + gap * Math.max(0, ids.length - 1 + (extra ? 1 : 0));
  if (total(all) <= available) return { shown: all, more: [] };
  const shown: number[] = [];
  for (const i of all) {
    if (total([...shown, i], moreWidth) > available) break;
    shown.push(i);
  }
  if (current >= 0 && !shown.includes(current)) {
    // The current view takes the place of the last ones that leave it no room.
    while (shown.length && total([...shown, current], moreWidth) > available) shown.pop();
    shown.push(current);
    shown.sort((a, b) => a - b);
  }
  return { shown, more: all.filter((i) => !shown.includes(i)) };
}
