// Exports run in a worker thread: `parley serve` (and the app's main process) keep answering other api
// calls while a large report renders; refusals found in the worker keep their api error code; a worker that
// dies fails only the export it was running, and the next export works.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/api.ts';
import { serializeCase } from '../../../src-core/case-file.ts';
import type { ExportJob } from '../../../src-main/export/export-jobs.ts';
import { ExportThread, exportWorkerFile } from '../../../src-main/export/export-thread.ts';
import { bigCase, ROOT, ukraine } from '../charts/chart-fixtures.ts';
import { tempDir } from './export-helpers.ts';

const threads: ExportThread[] = [];
const servers: ChildProcess[] = [];
afterEach(async () => {
  for (const t of threads.splice(0)) await t.close();
  for (const s of servers.splice(0)) s.kill('SIGTERM');
});

function thread(file?: string): ExportThread {
  const t = file ? new ExportThread(() => file) : new ExportThread();
  threads.push(t);
  return t;
}

const c = ukraine();
const chartJob = (overrides: Partial<Extract<ExportJob, { kind: 'chart' }>['request']> = {}, theCase = c): ExportJob => ({
  kind: 'chart',
  case: theCase,
  scenarios: theCase.scenarios,
  asOf: theCase.asOf ?? null,
  request: { kind: 'bars', format: 'csv', ...overrides },
});

/** Starts the built `parley serve` on a free port with a new library; resolves with its address. */
async function serve(dir: string): Promise<string> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/parley.js'), 'serve', '--port', '0', '--db', path.join(dir, 'library.sqlite')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!.replace(/\/$/, ''));
    });
    child.on('exit', (code) => reject(new Error(`parley serve exited with ${code}: ${err}`)));
  });
}

async function api(base: string, method: string, input: unknown): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  return { status: res.status, body: await res.json() };
}

describe('parley serve while a 12 parties × 20 scenarios report renders', () => {
  it('answers other api calls at once, before the report is done', async () => {
    const base = await serve(tempDir());
    const big = bigCase();
    expect((await api(base, 'importCase', { content: serializeCase(big) })).status).toBe(200);
    // The first export starts the worker and loads the renderers; the measured one runs on a warm worker.
    expect((await api(base, 'exportChart', { caseId: big.id, kind: 'bars', scenarioIds: [], format: 'csv' })).status).toBe(200);

    const started = performance.now();
    let reportDone = 0;
    const report = api(base, 'exportReport', { caseId: big.id, scenarioIds: [] }).then((r) => {
      reportDone = performance.now() - started;
      return r;
    });
    const probes: { took: number; doneAt: number }[] = [];
    await new Promise((r) => setTimeout(r, 100));
    while (reportDone === 0) {
      const t0 = performance.now();
      const r = await api(base, 'listCases', {});
      expect(r.status).toBe(200);
      expect((r.body.value as { id: string }[]).map((s) => s.id)).toContain(big.id);
      probes.push({ took: performance.now() - t0, doneAt: performance.now() - started });
      await new Promise((r) => setTimeout(r, 50));
    }
    const done = await report;
    expect(done.status).toBe(200);
    expect(Buffer.from((done.body.value as { base64: string }).base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const during = probes.filter((p) => p.doneAt < reportDone).map((p) => p.took).sort((a, b) => a - b);
    const slowest = during.at(-1) ?? Infinity;
    console.log(`[export thread] report ${reportDone.toFixed(0)} ms; ${during.length} listCases answered meanwhile, median ${(during[Math.floor(during.length / 2)] ?? NaN).toFixed(1)} ms, slowest ${slowest.toFixed(1)} ms`);
    // Rendered on the server's own thread, no call could be answered before the report was done. A time
    // bound alone would be at the mercy of the machine's load; the ordering is not.
    expect(during.length).toBeGreaterThanOrEqual(5);
    expect(slowest).toBeLessThan(reportDone / 4);
  }, 180_000);
});

describe('the export thread', () => {
  it('renders what the api renders in-process, byte for byte', async () => {
    const t = thread();
    const svg = await t.run(chartJob({ kind: 'heatmap', format: 'svg', sortBy: 'worst' }));
    const { chartFile } = await import('../../../src-main/export/export-files.ts');
    expect(Buffer.from(svg.base64, 'base64').equals(chartFile(c, c.scenarios, c.asOf ?? null, { kind: 'heatmap', format: 'svg', sortBy: 'worst' }).data)).toBe(true);
    expect(svg).toMatchObject({ fileName: 'ukraine-talks-2025-08-heatmap.svg', mime: 'image/svg+xml' });
  }, 60_000);

  it('keeps the api error code of a refusal found in the worker', async () => {
    const t = thread();
    const refused = t.run(chartJob({ kind: 'scatter', parties: ['russia', 'atlantis'] }));
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('"atlantis" is not a party') });
    // The worker is still there for the next export.
    expect((await t.run(chartJob())).fileName).toBe('ukraine-talks-2025-08-bars.csv');
  }, 60_000);

  it('fails only the export a crashed worker was running; queued and later exports work', async () => {
    // The real worker, except that it dies instead of answering for a case whose id starts with "crash-".
    const dir = tempDir();
    const wrapper = path.join(dir, 'crashing-worker.mjs');
    fs.writeFileSync(
      wrapper,
      [
        "import { parentPort } from 'node:worker_threads';",
        'const post = parentPort.postMessage.bind(parentPort);',
        "parentPort.postMessage = (reply) => (reply.ok && reply.file.fileName.startsWith('crash-') ? process.exit(7) : post(reply));",
        `await import(${JSON.stringify(pathToFileURL(exportWorkerFile()).href)});`,
      ].join('\n'),
    );
    const t = thread(wrapper);
    const doomed = { ...c, id: 'crash-me' };
    const crash = t.run(chartJob({}, doomed));
    const queued = t.run(chartJob({ kind: 'radar' }));
    await expect(crash).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/^the export stopped unexpectedly \(exit code 7\); nothing was written/) });
    expect((await queued).fileName).toBe('ukraine-talks-2025-08-radar.csv');
    expect((await t.run(chartJob({ kind: 'heatmap', format: 'png' }))).mime).toBe('image/png');
    // And again: every crash is survived.
    await expect(t.run(chartJob({}, doomed))).rejects.toMatchObject({ code: 'internal' });
    expect((await t.run(chartJob())).mime).toBe('text/csv; charset=utf-8');
  }, 60_000);

  it('after close, waiting and new exports fail cleanly', async () => {
    const t = thread();
    const outcomes = Promise.allSettled([t.run(chartJob({ kind: 'bars', format: 'pdf' })), t.run(chartJob())]);
    await t.close();
    const closed = { status: 'rejected', reason: expect.objectContaining({ code: 'internal', message: expect.stringContaining('closed') }) };
    expect(await outcomes).toEqual([closed, closed]);
    await expect(t.run(chartJob())).rejects.toMatchObject({ code: 'internal' });
  }, 60_000);
});

describe("the Electron main build's worker", () => {
  const file = path.join(ROOT, 'out', 'main', 'export-worker.js');
  beforeAll(() => {
    // `npm test` builds before vitest runs; a lone vitest run builds here.
    if (!fs.existsSync(file)) execFileSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'ignore' });
  }, 180_000);

  it('is emitted beside index.js and renders a chart', async () => {
    expect(fs.existsSync(path.join(ROOT, 'out', 'main', 'index.js'))).toBe(true);
    const png = await thread(file).run(chartJob({ kind: 'breakdown', format: 'png' }));
    expect(Buffer.from(png.base64, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 60_000);
});
