// Issue 13, point 9: the header holds six or more views in a narrow window: what does not fit goes under
// "More", and the current view is always shown.
import { describe, expect, it } from 'vitest';
import { fitNav } from '../../../src-renderer/lib/nav-fit.ts';

const six = [130, 80, 84, 70, 90, 88]; // Scenario builder, Compare, Positions, History, Find deals, Classroom

describe('fitNav', () => {
  it('shows every view when they fit', () => {
    expect(fitNav(six, 1000, 70, 2, 0)).toEqual({ shown: [0, 1, 2, 3, 4, 5], more: [] });
  });

  it('puts the views that do not fit under More, keeping room for the More button', () => {
    const r = fitNav(six, 300, 70, 2, 0);
    expect(r).toEqual({ shown: [0, 1], more: [2, 3, 4, 5] });
    const used = r.shown.reduce((s, i) => s + six[i]!, 0) + 70 + 2 * r.shown.length;
    expect(used).toBeLessThanOrEqual(300);
  });

  it('always shows the current view, in its place among the others', () => {
    expect(fitNav(six, 300, 70, 2, 4)).toEqual({ shown: [0, 4], more: [1, 2, 3, 5] });
    expect(fitNav(six, 100, 70, 2, 5).shown).toEqual([5]);
  });
});
