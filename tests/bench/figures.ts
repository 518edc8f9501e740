// Timing and printing for the benchmark scripts (tests/bench/*.ts): they print figures and never fail.
// Each figure has the median and 95th percentile of its runs in wall-clock time and, since these machines
// are shared, the median process CPU time as well (what the code itself cost, whatever else was running).

export interface Figure {
  name: string;
  runs: number;
  median: number;
  p95: number;
  cpuMedian: number;
  /** Target in ms, when there is one. */
  target?: number;
}

function quantile(sorted: number[], q: number): number {
  // Nearest rank: the smallest value with at least q of the samples at or below it.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export class Bench {
  readonly figures: Figure[] = [];

  /** Times `fn` `runs` times after `warmup` untimed runs; `setup` runs untimed before each call. */
  run<T>(name: string, opts: { runs: number; warmup?: number; target?: number; setup?: () => T; teardown?: (t: T) => void }, fn: (t: T) => unknown): Figure {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < (opts.warmup ?? 3) + opts.runs; i++) {
      const input = opts.setup ? opts.setup() : (undefined as T);
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      fn(input);
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpuStart);
      opts.teardown?.(input);
      if (i >= (opts.warmup ?? 3)) {
        wall.push(ms);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const figure: Figure = { name, runs: opts.runs, median: quantile(wall, 0.5), p95: quantile(wall, 0.95), cpuMedian: quantile(cpu, 0.5), ...(opts.target !== undefined && { target: opts.target }) };
    this.figures.push(figure);
    return figure;
  }

  print(): void {
    const ms = (v: number) => (v < 1 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(0));
    const rows = this.figures.map((f) => [
      f.name,
      String(f.runs),
      ms(f.median),
      ms(f.p95),
      ms(f.cpuMedian),
      f.target === undefined ? '' : `< ${f.target}`,
      f.target === undefined ? '' : f.p95 < f.target ? 'ok' : f.median < f.target ? 'p95 over' : 'OVER',
    ]);
    const header = ['benchmark', 'runs', 'median ms', 'p95 ms', 'cpu ms', 'target ms', ''];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
    const line = (cells: string[]) => cells.map((cell, c) => (c === 0 || c === 6 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
    console.log(line(header));
    console.log(widths.map((w) => '─'.repeat(w)).join('  '));
    for (const r of rows) console.log(line(r));
  }
}
