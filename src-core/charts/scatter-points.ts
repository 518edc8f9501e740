// The two parties a scatter compares, and each scenario as a point of their matches, with the Pareto front.
import type { ScoredScenario } from '../score-report.ts';
import type { ChartSettings } from './chart-frame.ts';
import type { CompareData } from './compare-data.ts';

export type Party = CompareData['parties'][number];

export function scatterParties(data: CompareData, settings: ChartSettings): [Party, Party] {
  const find = (id: string) => data.parties.find((p) => p.id === id);
  const [xId, yId] = settings.parties ?? [];
  const x = (xId !== undefined && find(xId)) || data.parties[0]!;
  const y = (yId !== undefined && find(yId)) || data.parties[1] || data.parties[0]!;
  return [x, y];
}

export interface ScatterPoint {
  scenario: ScoredScenario;
  x: number;
  y: number;
  xRedLines: number;
  yRedLines: number;
  front: boolean;
}

/** The scenarios both parties have a basis in, with the Pareto front among them (no other point is at least as good for both and better for one). */
export function scatterPoints(data: CompareData, settings: ChartSettings): { points: ScatterPoint[]; unplotted: ScoredScenario[] } {
  const [px, py] = scatterParties(data, settings);
  const xi = data.parties.indexOf(px);
  const yi = data.parties.indexOf(py);
  const points: ScatterPoint[] = [];
  const unplotted: ScoredScenario[] = [];
  for (const s of data.scenarios) {
    const a = s.parties[xi]!;
    const b = s.parties[yi]!;
    if (a.match === null || b.match === null) unplotted.push(s);
    else points.push({ scenario: s, x: a.match, y: b.match, xRedLines: a.redLines.length, yRedLines: b.redLines.length, front: false });
  }
  for (const p of points) p.front = !points.some((q) => q.x >= p.x && q.y >= p.y && (q.x > p.x || q.y > p.y));
  return { points, unplotted };
}

/** The Pareto front's points from left to right. */
export const frontLine = (points: readonly ScatterPoint[]) => points.filter((p) => p.front).sort((a, b) => a.x - b.x || b.y - a.y);
