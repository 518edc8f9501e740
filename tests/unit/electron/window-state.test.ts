// Saved window bounds against the displays connected now.
import { describe, expect, it } from 'vitest';
import { fitToDisplays } from '../../../src-main/app/window-state.ts';

const primary = { x: 0, y: 25, width: 1440, height: 875 };
const right = { x: 1440, y: 0, width: 2560, height: 1440 };
const left = { x: -1920, y: 0, width: 1920, height: 1080 };

describe('fitToDisplays', () => {
  it('keeps a window that is wholly on a connected display', () => {
    expect(fitToDisplays({ x: 1600, y: 100, width: 1200, height: 800 }, [primary, right])).toEqual({ x: 1600, y: 100, width: 1200, height: 800 });
    expect(fitToDisplays({ x: -1800, y: 50, width: 1200, height: 800, maximized: true }, [primary, left])).toEqual({ x: -1800, y: 50, width: 1200, height: 800, maximized: true });
  });

  it('moves a window that hangs off a display wholly onto the one it mostly covers', () => {
    expect(fitToDisplays({ x: 1000, y: -300, width: 1200, height: 800 }, [primary])).toEqual({ x: 240, y: 25, width: 1200, height: 800 });
    expect(fitToDisplays({ x: -1800, y: 50, width: 2000, height: 1000 }, [primary])).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('drops the position of a window whose display is gone, so it opens centred on the primary display', () => {
    expect(fitToDisplays({ x: 3000, y: 100, width: 1200, height: 800 }, [primary])).toEqual({ width: 1200, height: 800 });
    expect(fitToDisplays({ x: -3000, y: 50, width: 2000, height: 1000 }, [primary])).toEqual({ width: 1440, height: 875 });
  });

  it('leaves bounds alone when no display is known', () => {
    expect(fitToDisplays({ x: 5, y: 5, width: 1000, height: 700 }, [])).toEqual({ x: 5, y: 5, width: 1000, height: 700 });
  });
});
