// Timing and printing for the benchmark scripts: medians and 95th percentiles against targets, as a table.
// Benchmarks print figures; they never fail.

export interface Figure {
  name: string;
  runs: number;
  median: number;
  p95: number;
  /** Target in ms, when there is one. */
  target?: number;
}

export const figures: Figure[] = [];

function quantile(sorted: number[], q: number): number {
  // Nearest rank: the smallest value with at least q of the samples at or below it.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Records timed samples (ms) as a figure. */
export function record(name: string, samples: number[], target?: number): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  const figure: Figure = { name, runs: sorted.length, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), ...(target !== undefined && { target }) };
  figures.push(figure);
  return figure;
}

/** Times `fn` `runs` times after `warmup` untimed runs; `setup` runs untimed before each call. */
export function bench<T>(name: string, opts: { runs: number; warmup?: number; target?: number; setup?: () => T; teardown?: (t: T) => void }, fn: (t: T) => unknown): Figure {
  const samples: number[] = [];
  for (let i = 0; i < (opts.warmup ?? 3) + opts.runs; i++) {
    const input = opts.setup ? opts.setup() : (undefined as T);
    const start = performance.now();
    fn(input);
    const ms = performance.now() - start;
    opts.teardown?.(input);
    if (i >= (opts.warmup ?? 3)) samples.push(ms);
  }
  return record(name, samples, opts.target);
}

const ms = (v: number) => (v < 1 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(0));

export function printFigures(): void {
  const rows = figures.map((f) => [
    f.name,
    String(f.runs),
    ms(f.median),
    ms(f.p95),
    f.target === undefined ? '' : `< ${f.target}`,
    f.target === undefined ? '' : f.p95 < f.target ? 'ok' : f.median < f.target ? 'p95 over' : 'OVER',
  ]);
  const header = ['benchmark', 'runs', 'median ms', 'p95 ms', 'target ms', ''];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 || c === 5 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
