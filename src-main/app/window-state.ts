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

export function saveBounds(dir: string, bounds: WindowBounds): void {
  const file = path.join(dir, 'window-state.json');
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(bounds));
  fs.renameSync(tmp, file);
}
