// Find-deals benchmarks (prints figures, never fails on time): the exact maximin optimum of seeded generated
// cases by our engine and by HiGHS (a MIP solver, WebAssembly) side by side, in alternating rounds so that both
// are timed on the same machine, each in a process of its own, and compared by their fastest rounds — both must
// find the same optimum —
// then top-10 on 12×40×6, a two-party frontier on 6×30×6 and nearest acceptable on the shipped case. Every
// figure is given as wall time and as CPU time (process.cpuUsage, all threads): the machines are shared, and
// CPU time is what load disturbs least.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCaseText } from '../../src-core/case-file.ts';
import type { Case } from '../../src-core/model.ts';
import { compileCase, scoreScenario } from '../../src-core/scoring.ts';
import { dealFrontier, nearestDeals, searchDeals } from '../../src-core/search/index.ts';
import { buildProblem, packageTerms } from '../../src-core/search/problem.ts';
import { generateCase } from '../fixtures/generate-case.ts';
import { Bench } from './figures.ts';
import { chosenOptions, maximinLp } from './highs-maximin.ts';
import { quiet } from './idle.mjs';

const RUNS = Number(process.env.PARLEY_BENCH_RUNS ?? 3);
/** Generated cases per size in section 1 (the first feasible seeds from 2025 on): solvers' times vary by case. */
const SEEDS = Number(process.env.PARLEY_BENCH_SEEDS ?? 3);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const now = () => performance.now();

const bench = new Bench();
/** Section 2: wall and CPU medians of `count` calls after `warmup` untimed ones (so nothing is timed while V8 compiles it). */
const runs = (name: string, f: () => void, count = RUNS, warmup = 3) => {
  const fig = bench.run(name, { runs: count, warmup }, f);
  return { wall: fig.median, cpu: fig.cpuMedian };
};

/** The first seed from `from` whose generated case has a feasible package (no red line crossed). */
function feasibleCase(parties: number, issues: number, options: number, from: number): Case {
  for (let seed = from; ; seed++) {
    const c = generateCase({ parties, issues, options, scenarios: 0, seed, redLines: 0.05, id: `bench-${parties}x${issues}x${options}-s${seed}` });
    if (buildProblem(c, {}).domain.every((d) => d.length > 0)) return c;
  }
}

/** One call, timed: [wall ms, process CPU ms]. */
function timeOnce(f: () => void): [number, number] {
  const cpu = process.cpuUsage();
  const start = now();
  f();
  const wall = now() - start;
  const used = process.cpuUsage(cpu);
  return [wall, (used.user + used.system) / 1000];
}

interface HighsReply {
  ready?: boolean;
  status?: string;
  wall?: number;
  cpu?: number;
  columns?: Record<string, { Primal: number }>;
}

/** HiGHS in a child process (highs-process.mjs); `solve` sends an LP and resolves with its reply. */
async function startHighs(): Promise<{ solve(lp: string): Promise<HighsReply>; idle(): Promise<HighsReply>; stop(): void }> {
  const child = fork(path.join(ROOT, 'tests', 'bench', 'highs-process.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies: ((r: HighsReply) => void)[] = [];
  child.on('message', (r: HighsReply) => replies.shift()?.(r));
  child.on('exit', (code) => {
    if (replies.length === 0) return;
    console.error(`the HiGHS process ended (code ${code}) with a solve pending`);
    process.exit(1);
  });
  const next = () => new Promise<HighsReply>((resolve) => replies.push(resolve));
  await next(); // { ready }
  return {
    solve(lp) {
      const reply = next();
      child.send({ lp });
      return reply;
    },
    /** Resolves once HiGHS's process is idle: its background compiling would otherwise run beside our engine. */
    idle() {
      const reply = next();
      child.send({ idle: true });
      return reply;
    },
    stop: () => child.kill(),
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(1) : ms.toFixed(0));

async function main(): Promise<void> {
  console.log(`Parley find-deals benchmarks — Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}, load ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(`Section 1: ${Math.max(RUNS, 5)} alternating rounds per case (PARLEY_BENCH_RUNS), after 3 untimed HiGHS calls and 10 of ours`);
  console.log(`Section 2: median of ${RUNS} runs (PARLEY_BENCH_RUNS) after 3 untimed\n`);
  const highs = await startHighs();
  // Warm both up so neither pays for loading or compiling.
  const warm = feasibleCase(4, 8, 4, 1);
  searchDeals(warm, { top: 1 });
  await highs.solve(maximinLp(buildProblem(warm, {})));

  console.log(`1. Exact top-1 maximin (no red line crossed): ours vs HiGHS 1.15.3 (MIP, mip_rel_gap 0), ${SEEDS} generated cases per size (PARLEY_BENCH_SEEDS)\n`);
  const rows: string[][] = [];
  const ratios = new Map<string, [number, number][]>();
  const cases: [number, number, number, Case][] = [];
  for (const [P, n, m] of [[6, 12, 5], [6, 20, 6], [6, 30, 6], [10, 30, 6]] as const) {
    for (let seed = 2025, k = 0; k < SEEDS; k++) {
      const c = feasibleCase(P, n, m, seed);
      cases.push([P, n, m, c]);
      seed = Number(/-s(\d+)$/.exec(c.id)![1]) + 1;
    }
  }
  for (const [P, n, m, c] of cases) {
    const compiled = compileCase(c, c.asOf ?? null);
    const problem = buildProblem(c, {}, compiled);
    const lp = maximinLp(problem);
    let columns: Record<string, { Primal: number }> = {};
    let ourValue = null as number | null;
    const ours = () => {
      const report = searchDeals(c, { top: 1 }, { now }, compiled);
      ourValue = report.results[0]?.value ?? null;
      if (!report.exact) throw new Error('our search was cut short');
    };
    // Timed in HiGHS's own process, around the solve alone.
    const theirs = async (): Promise<[number, number]> => {
      const result = await highs.solve(lp);
      if (result.status !== 'Optimal') throw new Error(`HiGHS: ${result.status}`);
      // HiGHS's objective can be off by ~1e-6: score the terms it chose instead (after the clock stops).
      columns = result.columns!;
      return [result.wall!, result.cpu!];
    };
    // Untimed first calls, so that neither is timed while V8 compiles it.
    for (let i = 0; i < 10; i++) ours();
    for (let i = 0; i < 3; i++) await theirs();
    // Then the two alternate, round by round, so that both are timed on the same machine: these machines are
    // shared, and their speed drifts by tens of percent within a minute. A round times HiGHS once and ours as
    // many times as fit in 50 ms (at least 5; their median is the round's figure: a 1 ms search is otherwise
    // timed at the resolution of a clock tick and a garbage collection).
    const rounds = Math.max(RUNS, 5);
    const oursWall: number[] = [];
    const oursCpu: number[] = [];
    const theirWall: number[] = [];
    const theirCpu: number[] = [];
    const ratioWall: number[] = [];
    for (let r = 0; r < rounds; r++) {
      await highs.idle();
      await quiet();
      const w: number[] = [];
      const u: number[] = [];
      while (w.length < 5 || w.reduce((x, y) => x + y, 0) < 50) {
        const [a, b] = timeOnce(ours);
        w.push(a);
        u.push(b);
      }
      oursWall.push(median(w));
      oursCpu.push(median(u));
      await quiet();
      const [hw, hc] = await theirs();
      theirWall.push(hw);
      theirCpu.push(hc);
      ratioWall.push(hw / oursWall[r]!);
    }
    bench.record(`ours ${c.id}`, oursWall, oursCpu);
    bench.record(`HiGHS ${c.id}`, theirWall, theirCpu);
    const highsValue = scoreScenario(compiled, packageTerms(problem, chosenOptions(problem, columns))).aggregate.worst;
    if (ourValue === null || highsValue === null || Math.abs(ourValue - highsValue) > 1e-9) {
      throw new Error(`different optima on ${P}×${n}×${m}: ours ${ourValue}, HiGHS ${highsValue}`);
    }
    // The fastest round of each is the estimate of its own cost: on a shared machine interference only ever adds
    // time (here it comes and goes in phases of seconds, up to 1.6× on the same code). The median of the rounds'
    // ratios is printed beside it.
    const [rw, rc] = [Math.min(...theirWall) / Math.min(...oursWall), Math.min(...theirCpu) / Math.min(...oursCpu)];
    const ok = rw >= 10 && rc >= 10 ? 'ok' : rw >= 10 || rc >= 10 ? 'one of two' : 'UNDER 10×';
    rows.push([
      `${P}×${n}×${m}`,
      c.id.replace(/^bench-/, ''),
      ourValue.toFixed(6),
      `${fmt(Math.min(...oursWall))} / ${fmt(median(oursWall))}`,
      `${fmt(Math.min(...theirWall))} / ${fmt(median(theirWall))}`,
      `${rw.toFixed(1)}×`,
      `${rc.toFixed(1)}×`,
      `${median(ratioWall).toFixed(1)}×`,
      ok,
    ]);
    const size = `${P}×${n}×${m}`;
    ratios.set(size, [...(ratios.get(size) ?? []), [rw, rc]]);
  }
  table(['size', 'case', 'optimum (both)', 'ours ms (min / median)', 'HiGHS ms (min / median)', 'ratio wall', 'ratio CPU', 'median ratio', 'target ≥ 10×'], rows);
  console.log('\nratio wall / CPU: fastest round of HiGHS ÷ fastest round of ours, in wall and in process CPU time; median ratio: the');
  console.log('median over rounds of HiGHS ÷ ours in wall time.');
  console.log('\nsmallest ratio per size (wall / CPU):');
  for (const [size, r] of ratios) console.log(`  ${size}: ${Math.min(...r.map((x) => x[0])).toFixed(1)}× / ${Math.min(...r.map((x) => x[1])).toFixed(1)}× over ${r.length} case${r.length === 1 ? '' : 's'}`);

  highs.stop();

  console.log('\n2. Targets\n');
  const targets: string[][] = [];
  const row = (label: string, times: { wall: number; cpu: number }, target: number, exact = true) => {
    const [w, c] = [times.wall, times.cpu];
    targets.push([label, fmt(w), fmt(c), `< ${target}`, w < target && c < target && exact ? 'ok' : c < target && exact ? 'ok by CPU' : 'OVER']);
  };
  await quiet();
  const big = feasibleCase(12, 40, 6, 2025);
  let exact = true;
  const bigTimes = runs('top-10', () => {
    exact = searchDeals(big, { top: 10, timeLimitMs: 60_000 }, { now }).exact && exact;
  });
  row(`top-10 maximin, 12×40×6 (${big.id.replace(/^bench-/, '')})${exact ? '' : ' — cut at 60 s'}`, bigTimes, 2000, exact);
  const six = feasibleCase(6, 30, 6, 2025);
  let points = 0;
  const frontierTimes = runs('frontier', () => {
    points = dealFrontier(six, { parties: ['party-1', 'party-2'] }, { now }).points.length;
  });
  row(`frontier of two parties, 6×30×6 (${points} points)`, frontierTimes, 500);
  const r = parseCaseText(fs.readFileSync(path.join(ROOT, 'data', 'cases', 'ukraine-talks-2025-08.json'), 'utf8'));
  if (!r.ok) throw new Error('the shipped case is invalid');
  const ukraine = r.case;
  let scenario = 0;
  const nearestTimes = runs('nearest', () => nearestDeals(ukraine, { from: ukraine.scenarios[scenario++ % ukraine.scenarios.length]!.terms }), Math.max(RUNS, 10) * ukraine.scenarios.length);
  row(`nearest acceptable to all, shipped case (each of its ${ukraine.scenarios.length} scenarios)`, nearestTimes, 50);
  table(['measure', 'median wall ms', 'median CPU ms', 'target ms', ''], targets);
  console.log(`\nload average at the end: ${os.loadavg()[0]!.toFixed(1)} (${os.cpus().length} CPUs); wall times grow with load, CPU times much less.`);
  console.log('\nThe builder stays responsive while a search runs: npm run bench:ui (click → chart while the worker searches).');
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

await main();
