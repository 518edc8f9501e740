// Remembers the main window's bounds between runs (userData/window-state.json); a bad file is ignored.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const boundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(640).max(10000),
  height: z.number().int().min(480).max(10000),
  maximized: z.boolean().optional(),
});
export type WindowBounds = z.infer<typeof boundsSchema>;

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 800 };

export function loadBounds(dir: string): WindowBounds {
  try {
    const r = boundsSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, 'window-state.json'), 'utf8')));
    return r.success ? r.data : DEFAULT_BOUNDS;
  } catch {
    return DEFAULT_BOUNDS;
  }
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (b: Area, a: Area) =>
  Math.max(0, Math.min(b.x + b.width, a.x + a.width) - Math.max(b.x, a.x)) * Math.max(0, Math.min(b.y + b.height, a.y + a.height) - Math.max(b.y, a.y));

/**
 * Saved bounds made to fit the displays connected now (their work areas, the primary first): a window
 * that overlaps a display is moved wholly onto it; one whose display is gone loses its position, so it
 * opens centred on the primary display; either way it is no larger than the display it opens on.
 */
export function fitToDisplays(bounds: WindowBounds, workAreas: Area[]): WindowBounds {
  const { x, y, ...rest } = bounds;
  const primary = workAreas[0];
  if (!primary) return bounds;
  const placed = x !== undefined && y !== undefined ? { x, y, width: bounds.width, height: bounds.height } : null;
  const home = placed ? workAreas.reduce<Area | null>((best, a) => (overlap(placed, a) > (best ? overlap(placed, best) : 0) ? a : best), null) : null;
  const area = home ?? primary;
  const width = Math.min(bounds.width, area.width);
  const height = Math.min(bounds.height, area.height);
  if (!placed || !home) return { ...rest, width, height };
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  return { ...rest, x: clamp(placed.x, area.x, area.x + area.width - width), y: clamp(placed.y, area.y, area.y + area.height - height), width, height };
}

export function saveBounds(dir: string, bounds: WindowBounds): void {
  const file = path.join(dir, 'window-state.json');
  const tmp = `${file}.tmp`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(tmp, JSON.stringify(bounds));
  fs.renameSync(tmp, file);
}
