// Authoring benchmarks (issue 7), on the generated 12 parties × 40 issues × 6 options case. Prints figures
// against the targets; never fails.
//
// "An edit commits and the builder shows the new score" is timed over the HTTP api from Node, along the
// path the renderer takes for a confirmed field, with the renderer's own functions: the local check
// (src-renderer/lib/edit-check.ts: the edit applied and the case validated with the case file's rules), the
// POST /api/edit to `parley serve` (zod, one transaction with its revision, the answer as JSON), reading the
// answer, and rescoring the builder's scenario on the new case (compileCase + scoreScenario, as the
// workspace's derived score does). Node's fetch stands in for the page's; what is left out is the page's
// own drawing of the chart, which `npm run bench:ui` times (click → chart updated).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeCase } from '../../src-core/case-file.ts';
import type { Case, Position } from '../../src-core/model.ts';
import { positionsToCsv } from '../../src-core/positions-csv.ts';
import { compileCase, scoreScenario } from '../../src-core/scoring.ts';
import { timeline } from '../../src-core/timeline.ts';
import { runCli } from '../../src-main/cli/main.ts';
import { startServer } from '../../src-main/server/http-server.ts';
import { ParleyService } from '../../src-main/service.ts';
import { checkEdit } from '../../src-renderer/lib/edit-check.ts';
import { generateCase } from '../fixtures/generate-case.ts';
import { Bench } from './figures.ts';

/** Keeps the rescoring from being optimised away. */
let shown = 0;
const bench = new Bench();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-authoring-'));

async function post<T>(url: string, method: string, input: unknown): Promise<T> {
  const res = await fetch(`${url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

interface Samples {
  wall: number[];
  cpu: number[];
}

/** Wall-clock and process CPU ms of each of `runs` awaited calls, after `warmup` untimed ones. */
async function samples(runs: number, warmup: number, fn: () => Promise<void>): Promise<Samples> {
  const out: Samples = { wall: [], cpu: [] };
  for (let i = 0; i < warmup + runs; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    if (i >= warmup) {
      out.wall.push(wall);
      out.cpu.push((used.user + used.system) / 1000);
    }
  }
  return out;
}

const record = (name: string, s: Samples, target?: number) => bench.record(name, s.wall, s.cpu, target);

/** Runs `fn` and adds its wall-clock and CPU ms to `into`. */
async function timed<T>(into: Samples, fn: () => T | Promise<T>): Promise<T> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await fn();
  into.wall.push(performance.now() - t0);
  const used = process.cpuUsage(cpu0);
  into.cpu.push((used.user + used.system) / 1000);
  return out;
}

const skip = (s: Samples, n: number): Samples => ({ wall: s.wall.slice(n), cpu: s.cpu.slice(n) });

/** The case with more dated statements: `extra` per (party, issue) pair on dates spread over `days` days. */
function withDatedStatements(c: Case, extra: number, days: number, seed = 1): Case {
  let n = seed;
  const positions: Position[] = [...c.positions];
  const taken = new Set(positions.map((p) => `${p.party}|${p.issue}|${p.date ?? ''}`));
  for (const p of c.positions) {
    for (let k = 0; k < extra; k++) {
      const day = (n = (n * 1103515245 + 12345) % 2147483648) % days;
      const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      const key = `${p.party}|${p.issue}|${date}`;
      if (taken.has(key)) continue;
      taken.add(key);
      positions.push({ ...p, date, salience: 1 + ((day + k) % 5) });
    }
  }
  return { ...c, positions };
}

try {
  console.log(`Parley authoring benchmarks — Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  const base = generateCase({ parties: 12, issues: 40, options: 6, scenarios: 20, seed: 3, id: 'bench-12x40' });
  const service = ParleyService.open(path.join(tmp, 'library.sqlite'));
  service.importCase({ content: serializeCase(base) });
  const server = await startServer({ service, staticDir: tmp, port: 0 });
  try {
    console.log(`case: ${base.parties.length} parties × ${base.issues.length} issues × 6 options, ${base.positions.length} statements, ${base.scenarios.length} scenarios`);
    const terms = base.scenarios[0]!.terms;
    let local = await post<Case>(server.url, 'getCase', { caseId: base.id });
    const rescore = (c: Case) => (shown += scoreScenario(compileCase(c, c.asOf ?? null), terms, { contributions: false }).aggregate.mean ?? 0);

    // A confirmed salience field: the statement's salience goes 1 → 2 → … → 5 → 1 and so on.
    const parts = { check: { wall: [], cpu: [] } as Samples, http: { wall: [], cpu: [] } as Samples, rescore: { wall: [], cpu: [] } as Samples };
    let k = 0;
    const edit = await samples(40, 5, async () => {
      const p = local.positions[k++ % local.positions.length]!;
      const e = { op: 'updatePosition' as const, ref: { party: p.party, issue: p.issue, ...(p.date && { date: p.date }) }, position: { ...p, salience: (p.salience % 5) + 1 } };
      if (!(await timed(parts.check, () => checkEdit(local, e).ok))) throw new Error('the benchmark edit is invalid');
      local = (await timed(parts.http, () => post<{ case: Case }>(server.url, 'edit', { caseId: base.id, edit: e }))).case;
      await timed(parts.rescore, () => rescore(local));
    });
    record('edit: local check + POST /api/edit + builder rescored', edit, 30);
    record('  of which: local check (applyEdit + case file validation)', skip(parts.check, 5));
    record('  of which: HTTP round trip (zod, transaction + revision, JSON)', skip(parts.http, 5));
    record('  of which: builder rescored (compileCase + scoreScenario)', skip(parts.rescore, 5));

    const undo = await samples(30, 3, async () => {
      local = (await post<{ case: Case }>(server.url, 'undo', { caseId: base.id })).case;
      rescore(local);
    });
    record('undo: POST /api/undo + builder rescored', undo, 30);
    const redo = await samples(30, 3, async () => {
      local = (await post<{ case: Case }>(server.url, 'redo', { caseId: base.id })).case;
      rescore(local);
    });
    record('redo: POST /api/redo + builder rescored', redo, 30);

    // A spreadsheet of 12,000 rows: 2,000 statements of 6 options over the same case.
    const spread = withDatedStatements(base, 4, 365);
    spread.positions = spread.positions.slice(0, 2000);
    const csv = positionsToCsv(spread);
    const rows = csv.trimEnd().split('\r\n').length - 1;
    console.log(`positions CSV: ${rows} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MB`);
    record(`positions CSV import preview (${rows} rows, dry run, HTTP)`, await samples(5, 1, async () => void (await post(server.url, 'importPositions', { caseId: base.id, content: csv, dryRun: true }))), 1000);
    const imported: Samples = { wall: [], cpu: [] };
    const undoImport: Samples = { wall: [], cpu: [] };
    for (let i = 0; i < 6; i++) {
      await timed(imported, () => post(server.url, 'importPositions', { caseId: base.id, content: csv }));
      await timed(undoImport, () => post(server.url, 'undo', { caseId: base.id }));
    }
    // The first import and undo warm up.
    record(`positions CSV import (${rows} rows, HTTP)`, skip(imported, 1), 1000);
    record('  undo of that import', skip(undoImport, 1));
  } finally {
    await server.close();
    service.close();
  }

  // `parley timeline` over 100 dates: one more statement per (party, issue), the pairs spread over 100 days.
  const firsts = base.positions.filter((p, i, all) => all.findIndex((q) => q.party === p.party && q.issue === p.issue) === i).map(({ date: _date, ...p }) => p);
  const dated: Case = { ...base, positions: [...firsts, ...firsts.map((p, i) => ({ ...p, date: new Date(Date.UTC(2025, 8, 1 + (i % 100))).toISOString().slice(0, 10), salience: 1 + (i % 5) }))] };
  const dates = new Set(dated.positions.map((p) => p.date).filter(Boolean)).size;
  const file = path.join(tmp, 'timeline-case.json');
  fs.writeFileSync(file, serializeCase({ ...dated, id: 'bench-timeline' }));
  const io = { stdout: () => {}, stderr: (t: string) => process.stderr.write(t), env: { PARLEY_DB: path.join(tmp, 'cli.sqlite') }, cwd: tmp };
  console.log(`timeline case: ${dated.positions.length} statements on ${dates} dates`);
  record(`parley timeline --format json, ${dates} dates (in-process: read file, validate, score, print)`, await samples(15, 2, async () => void (await runCli(['timeline', file, '--scenario', 'scenario-1', '--format', 'json'], io))), 100);
  bench.run(`  of which: timeline() over ${dates} dates`, { runs: 15, warmup: 2 }, () => timeline(dated, dated.scenarios[0]!.terms));

  console.log('');
  bench.print();
  if (Number.isNaN(shown)) console.log(shown);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
