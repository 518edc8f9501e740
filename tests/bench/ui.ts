// UI responsiveness in a real Chromium (prints figures, never fails): time from a term click to the
// match chart's final state, on the default case and on a generated 12 parties × 40 issues case, and
// time from navigation to the first chart drawn. Needs the built UI: `npm run bench:ui` builds first.
import { chromium, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeCase } from '../../src-core/case-file.ts';
import { ParleyService } from '../../src-main/service.ts';
import { startServer } from '../../src-main/server/http-server.ts';
import { generateCase } from '../fixtures/generate-case.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const executablePath = process.env.PARLEY_CHROMIUM ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;
const fmt = (v: number) => v.toFixed(v < 10 ? 2 : 1).padStart(8);

/** Records, in the page, when the first chart bar appears (ms since navigation start). */
const FIRST_CHART_PROBE = `
  window.__firstChart = null;
  new MutationObserver((_, mo) => {
    if (document.querySelector('[data-testid=match-chart] g.row')) { window.__firstChart = performance.now(); mo.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
`;

/** Clicks `count` radios in turn; for each, ms from the click to the end of the DOM update of the chart. */
async function clickTimes(page: Page, count: number): Promise<{ dom: number[]; frame: number[] }> {
  return page.evaluate(async (n) => {
    const radios = [...document.querySelectorAll<HTMLInputElement>('fieldset[data-issue] input[type=radio]')].filter((r) => !r.checked);
    const chart = document.querySelector('[data-testid=match-chart]')!;
    const dom: number[] = [];
    const frame: number[] = [];
    for (let i = 0; i < n; i++) {
      const radio = radios[(i * 7) % radios.length]!;
      let tDom = 0;
      // The observer's callback runs right after the synchronous DOM update of Svelte's flush.
      const mo = new MutationObserver(() => {
        if (!tDom) tDom = performance.now();
      });
      mo.observe(chart, { attributes: true, subtree: true, characterData: true, childList: true });
      const t0 = performance.now();
      radio.click();
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
      const tFrame = performance.now();
      mo.disconnect();
      dom.push((tDom || tFrame) - t0);
      frame.push(tFrame - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return { dom, frame };
  }, count);
}

/** Find deals with every red line allowed and 50 results: a search of many seconds on the 12×40 case. */
async function startLongSearch(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Find deals' }).click();
  await page.getByRole('spinbutton', { name: 'How many' }).fill('50');
  for (const box of await page.getByRole('checkbox', { name: /^No red line of / }).all()) await box.uncheck();
  await page.getByRole('button', { name: 'Find deals', exact: true }).last().click();
  await page.getByRole('button', { name: 'Cancel' }).waitFor();
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('build the UI first: npm run build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-ui-'));
  const service = ParleyService.open(path.join(dir, 'library.sqlite'), { casesDir: path.join(ROOT, 'data', 'cases') });
  const big = generateCase({ parties: 12, issues: 40, options: 6, scenarios: 20, seed: 3, id: 'bench-12x40' });
  service.importCase({ content: serializeCase(big) });
  const server = await startServer({ service, staticDir: path.join(ROOT, 'out', 'renderer'), port: 0 });
  const browser = await chromium.launch({ ...(executablePath && { executablePath }), args: ARGS });
  console.log(`Parley UI benchmarks — Chromium ${browser.version()}, ${os.cpus().length} cores; reduced motion on, so the chart's final state is drawn at once\n`);
  console.log(`${'measure'.padEnd(76)}  runs   median ms   p95 ms   target`);
  console.log(`${'─'.repeat(76)}  ────  ──────────  ───────  ───────`);
  const row = (name: string, xs: number[], target?: number) =>
    console.log(`${name.padEnd(76)}  ${String(xs.length).padStart(4)}  ${fmt(quantile(xs, 0.5)).padStart(10)}  ${fmt(quantile(xs, 0.95)).padStart(7)}  ${target ? `< ${target}`.padStart(7) + (quantile(xs, 0.5) < target ? '  ok' : '  OVER') : ''}`);
  try {
    for (const [label, caseId, target] of [
      ['default case (4 parties × 9 issues)', 'ukraine-talks-2025-08', 16],
      ['generated case (12 parties × 40 issues)', 'bench-12x40', 50],
    ] as const) {
      const loads: number[] = [];
      let dom: number[] = [];
      let frame: number[] = [];
      for (let run = 0; run < 5; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
        await context.addInitScript(`localStorage.setItem('parley:case', ${JSON.stringify(caseId)}); ${FIRST_CHART_PROBE}`);
        const page = await context.newPage();
        await page.goto(server.url);
        await page.waitForSelector('[data-testid=match-chart] g.row');
        loads.push(await page.evaluate(() => (window as unknown as { __firstChart: number }).__firstChart));
        const t = await clickTimes(page, 20);
        dom = dom.concat(t.dom);
        frame = frame.concat(t.frame);
        await context.close();
      }
      row(`${label}: click → chart updated (score + DOM)`, dom, target);
      row(`${label}: click → next frame painted`, frame);
      row(`${label}: page load → first chart drawn`, loads);
    }

    // While a long search runs in a Web Worker: the 12×40 case's own search (every red line allowed, top 50),
    // and the default case's builder in a second window while the other window searches.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    await context.addInitScript(`if (!sessionStorage.getItem('set')) { sessionStorage.setItem('set', '1'); localStorage.setItem('parley:case', 'bench-12x40'); }`);
    const searching = await context.newPage();
    await searching.goto(server.url);
    await searching.waitForSelector('[data-testid=match-chart] g.row');
    await startLongSearch(searching);
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    await other.addInitScript(`localStorage.setItem('parley:case', 'ukraine-talks-2025-08');`);
    const builder = await other.newPage();
    await builder.goto(server.url);
    await builder.waitForSelector('[data-testid=match-chart] g.row');
    const a = await clickTimes(builder, 40);
    const stillRunning = await searching.getByRole('button', { name: 'Cancel' }).isVisible();
    row(`default case while another window searches 12×40: click → chart updated${stillRunning ? '' : ' (search ended early)'}`, a.dom, 16);
    row('default case while another window searches 12×40: click → next frame', a.frame);
    await searching.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Scenario builder' }).click();
    const b = await clickTimes(searching, 40);
    row('12×40 case while its own search runs in the worker: click → chart updated', b.dom, 50);
    await other.close();
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
