// Benchmarks of chart and report export (not tests: they print figures and never fail).
// `npm run bench:export` bundles this file with esbuild into out/bench/export.mjs (tests/bench/run.mjs) and runs it.
// For each case and chart kind: the CLI export run in-process (runCli, median of several runs after a warm-up),
// and the whole command in a fresh process (node bin/parley.js …), beside the targets of issue 4; then how
// fast the api answers (HTTP, as under `parley serve`) while a 12 × 20 report renders in the export worker.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serializeCase } from '../../src-core/case-file.ts';
import { CHART_KINDS } from '../../src-core/charts/index.ts';
import type { Case } from '../../src-core/model.ts';
import { runCli } from '../../src-main/cli/main.ts';
import { startServer } from '../../src-main/server/http-server.ts';
import { ParleyService } from '../../src-main/service.ts';
import { generateCase } from '../fixtures/generate-case.ts';

// This file and its bundle (out/bench/export.mjs) both sit two folders below the repository root.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const RUNS = 5;
const SPAWN_RUNS = 3;

interface Export {
  label: string;
  format: 'svg' | 'png' | 'pdf' | 'csv' | 'report';
  args: (caseFile: string, out: string) => string[];
}

/** Targets in ms (issue 4): SVG < 300, PNG 2× < 1000, PDF < 1500, report < 3000. */
const TARGET: Record<Export['format'], number | undefined> = { svg: 300, png: 1000, pdf: 1500, csv: undefined, report: 3000 };

const exportsOf = (): Export[] => [
  ...CHART_KINDS.flatMap((kind): Export[] => [
    { label: `${kind} SVG`, format: 'svg', args: (c, out) => ['chart', c, '--kind', kind, '--out', `${out}.svg`] },
    { label: `${kind} PNG 2×`, format: 'png', args: (c, out) => ['chart', c, '--kind', kind, '--scale', '2', '--out', `${out}.png`] },
    { label: `${kind} PDF`, format: 'pdf', args: (c, out) => ['chart', c, '--kind', kind, '--out', `${out}.pdf`] },
    { label: `${kind} CSV`, format: 'csv', args: (c, out) => ['chart', c, '--kind', kind, '--out', `${out}.csv`] },
  ]),
  { label: 'report', format: 'report', args: (c, out) => ['report', c, '--out', `${out}.pdf`] },
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (v: number) => (v < 10 ? v.toFixed(1) : v.toFixed(0));

/** Wall time, and the CPU time the process spent: on a machine shared with other work, the closer to what an idle machine takes. */
async function inProcess(argv: string[], cwd: string): Promise<{ wall: number; cpu: number }> {
  let err = '';
  const cpu = process.cpuUsage();
  const start = performance.now();
  const code = await runCli(argv, { stdout: () => {}, stderr: (t) => void (err += t), env: { PARLEY_DB: path.join(cwd, 'library.sqlite') }, cwd });
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (code !== 0) throw new Error(`parley ${argv.join(' ')} failed: ${err}`);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

function wholeCommand(argv: string[], cwd: string): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/parley.js'), ...argv], { cwd, encoding: 'utf8', env: { ...process.env, PARLEY_DB: path.join(cwd, 'library.sqlite') } });
  const took = performance.now() - start;
  if (r.status !== 0) throw new Error(`parley ${argv.join(' ')} failed: ${r.stderr}`);
  return took;
}

/** listCases over HTTP, again and again, while the report renders in the worker; and how late the server's event loop ran. */
async function responsiveness(c: Case, dir: string): Promise<void> {
  const service = ParleyService.open(path.join(dir, 'responsive.sqlite'));
  const server = await startServer({ service, staticDir: dir });
  const call = async (method: string, input: unknown) => {
    const res = await fetch(`${server.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
    if (!res.ok) throw new Error(`${method}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  try {
    await call('importCase', { content: serializeCase(c) });
    await call('exportChart', { caseId: c.id, kind: 'bars', scenarioIds: [], format: 'csv' });
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const start = performance.now();
    let reportMs = 0;
    const report = call('exportReport', { caseId: c.id, scenarioIds: [] }).then(() => (reportMs = performance.now() - start));
    const answers: number[] = [];
    while (reportMs === 0) {
      const t = performance.now();
      await call('listCases', {});
      if (reportMs === 0) answers.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    await report;
    loop.disable();
    answers.sort((a, b) => a - b);
    console.log(`api while a ${c.parties.length} × ${c.scenarios.length} report renders in the export worker (target: other calls < 100 ms)`);
    console.log(`report ${ms(reportMs)} ms · listCases answered ${answers.length} times meanwhile: median ${ms(median(answers))} ms, slowest ${ms(answers.at(-1) ?? NaN)} ms · event loop delay max ${ms(loop.max / 1e6)} ms`);
  } finally {
    await server.close();
    service.close();
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-export-'));
try {
  console.log(`Parley export benchmarks — Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}`);
  console.log(`in-process: runCli, median of ${RUNS} runs after one warm-up (wall and CPU time); whole command: node bin/parley.js, median of ${SPAWN_RUNS}`);
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (on ${os.cpus().length} cores; far above that, every wall time is inflated)\n`);
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });

  const big = generateCase({ parties: 12, issues: 8, options: 4, scenarios: 20, seed: 7, id: 'generated-12x20' });
  const bigFile = path.join(tmp, 'generated-12x20.json');
  fs.writeFileSync(bigFile, serializeCase(big));
  const cases = [
    { name: 'default case (4 parties × 4 scenarios)', file: path.join(ROOT, 'data/cases/ukraine-talks-2025-08.json') },
    { name: 'generated case (12 parties × 20 scenarios × 8 issues)', file: bigFile },
  ];

  const header = ['export', 'in-process ms', 'cpu ms', 'target ms', '', 'whole command ms', 'size'];
  for (const c of cases) {
    console.log(c.name);
    const rows: string[][] = [];
    for (const e of exportsOf()) {
      const out = path.join(tmp, e.label.replace(/\W+/g, '-'));
      const argv = e.args(c.file, out);
      await inProcess(argv, tmp);
      const runs: { wall: number; cpu: number }[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await inProcess(argv, tmp));
      const spawns: number[] = [];
      for (let i = 0; i < SPAWN_RUNS; i++) spawns.push(wholeCommand(argv, tmp));
      const written = argv[argv.indexOf('--out') + 1]!;
      const size = fs.statSync(written).size;
      const target = TARGET[e.format];
      const m = median(runs.map((r) => r.wall));
      rows.push([e.label, ms(m), ms(median(runs.map((r) => r.cpu))), target === undefined ? '' : `< ${target}`, target === undefined ? '' : m < target ? 'ok' : 'OVER', ms(median(spawns)), `${(size / 1024).toFixed(0)} KB`]);
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
    console.log(line(header));
    console.log(widths.map((w) => '─'.repeat(w)).join('  '));
    for (const r of rows) console.log(line(r));
    console.log('');
  }
  await responsiveness(big, tmp);
  console.log(`\nload average at end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
