// Load figures for the classroom server (issue 10 point 7; not a test: it prints figures and never fails).
// `node tests/bench/run.mjs classroom` starts one real `parley classroom` process on loopback with the Ukraine
// case and three roles, then 30 simulated students (HTTP clients, each with its own keep-alive connection as a
// browser has; ten per role) poll `state`
// every second while proposing and answering, for 2 minutes (CLASSROOM_BENCH_SECONDS to change it). The
// facilitator opens a new round every 6 s so proposals keep being allowed. Prints errors, p50/p95/max latency
// per method, and the server's memory at the end. A 409 is a rule's refusal (e.g. a second proposal in a
// round), counted apart from errors; an error is anything else that is not a 200.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CASE_FILE = path.join(ROOT, 'data', 'cases', 'ukraine-talks-2025-08.json');
const ROLES = ['russia', 'ukraine', 'united-states'];
const STUDENTS = 30;
const SECONDS = Number(process.env.CLASSROOM_BENCH_SECONDS ?? 120);
const ADVANCE_EVERY_MS = 6000;
const HOLDOUT = 'russia';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-classroom-'));
const c = JSON.parse(fs.readFileSync(CASE_FILE, 'utf8')) as { issues: { id: string; options: { id: string }[] }[] };

const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'parley.js'), 'classroom', CASE_FILE, '--roles', ROLES.join(','), '--rounds', '20', '--port', '0', '--db', path.join(dir, 'library.sqlite')], { stdio: ['ignore', 'pipe', 'pipe'] });
let printed = '';
let serverLog = '';
child.stderr.on('data', (d: Buffer) => (serverLog += d.toString()));
const lines = await new Promise<string[]>((resolve, reject) => {
  child.stdout.on('data', (d: Buffer) => {
    printed += d.toString();
    const l = printed.split('\n').filter(Boolean);
    if (l.length >= 2 + ROLES.length) resolve(l);
  });
  child.once('exit', (code) => reject(new Error(`parley classroom exited with ${code}`)));
});
const port = Number(new URL(lines[1]!.split(' ')[1]!).port);
const facilitator = lines[1]!.split('#token=')[1]!;
const codes = Object.fromEntries(lines.slice(2).map((l) => [l.split(' ')[1]!, l.split(' ')[2]!]));

const latency: Record<string, number[]> = {};
const statuses: Record<string, number> = {};
const errors: string[] = [];

/** Each student is its own browser: its own keep-alive connection, used every second. */
const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: 1 });
const agents: http.Agent[] = [];

function post(agent: http.Agent, method: string, body: unknown, token?: string): Promise<{ status: number; json: any }> {
  const text = JSON.stringify(body);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: `/api/classroom.${method}`, agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...(token && { Authorization: `Bearer ${token}` }) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () => {
          (latency[method] ??= []).push(performance.now() - t0);
          const status = res.statusCode ?? 0;
          statuses[`${method} ${status}`] = (statuses[`${method} ${status}`] ?? 0) + 1;
          if (status !== 200 && status !== 409) errors.push(`${method}: HTTP ${status} ${Buffer.concat(chunks).toString().slice(0, 160)}`);
          let json: any = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString());
          } catch {
            errors.push(`${method}: the answer is not JSON`);
          }
          resolve({ status, json });
        });
      },
    );
    req.on('error', (e) => {
      errors.push(`${method}: ${e.message}`);
      resolve({ status: 0, json: null });
    });
    req.end(text);
  });
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const randomTerms = () => Object.fromEntries(c.issues.filter(() => Math.random() < 0.8).map((i) => [i.id, pick(i.options).id]));

const stopAt = Date.now() + SECONDS * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function student(i: number): Promise<void> {
  const role = ROLES[i % ROLES.length]!;
  const agent = newAgent();
  agents.push(agent);
  const joined = await post(agent, 'join', { code: codes[role] });
  const token = joined.json?.value?.token as string | undefined;
  if (!token) return;
  // Spread the students over the first second, as a class does not click at once.
  await sleep(Math.random() * 1000);
  let nextMove = Date.now() + 2000 + Math.random() * 4000;
  while (Date.now() < stopAt) {
    const tick = Date.now();
    const state = await post(agent, 'state', {}, token);
    if (Date.now() >= nextMove) {
      const table = state.json?.value?.table;
      // One role only ever rejects (and never proposes, which would count as accepting), so the class never
      // reaches an agreement and keeps moving for the whole run.
      if (role === HOLDOUT || (table && table.proposer !== role && Math.random() < 0.5)) await post(agent, 'respond', { accept: role !== HOLDOUT && Math.random() < 0.5 }, token);
      else await post(agent, 'propose', { terms: randomTerms() }, token);
      nextMove = Date.now() + 3000 + Math.random() * 4000;
    }
    await sleep(Math.max(0, 1000 - (Date.now() - tick)));
  }
}

const facAgent = newAgent();
agents.push(facAgent);

/** The facilitator's dashboard polls every second too, and opens a new round every ADVANCE_EVERY_MS. */
async function facilitatorLoop(): Promise<void> {
  let nextRound = Date.now() + ADVANCE_EVERY_MS;
  while (Date.now() < stopAt) {
    const tick = Date.now();
    const s = await post(facAgent, 'state', {}, facilitator);
    if (Date.now() >= nextRound && s.json?.value?.simulation?.round < 20) {
      await post(facAgent, 'advance', {}, facilitator);
      nextRound = Date.now() + ADVANCE_EVERY_MS;
    }
    await sleep(Math.max(0, 1000 - (Date.now() - tick)));
  }
}

const started = Date.now();
await Promise.all([...Array.from({ length: STUDENTS }, (_, i) => student(i)), facilitatorLoop()]);
const elapsed = (Date.now() - started) / 1000;

const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
const final = (await post(facAgent, 'state', {}, facilitator)).json?.value;
child.kill('SIGTERM');
for (const a of agents) a.destroy();

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;
console.log(`classroom load: ${STUDENTS} students (${ROLES.length} roles), polling state every 1 s and moving every 3–7 s, ${elapsed.toFixed(0)} s against one \`parley classroom\` on loopback`);
console.log(`  machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average at the end ${os.loadavg()[0]!.toFixed(2)}; node ${process.version}`);
console.log(`  moves stored: ${final?.moves?.length ?? '?'}, rounds opened: ${final?.simulation?.round ?? '?'}`);
console.log('  method         calls    p50        p95        max');
for (const m of ['join', 'state', 'propose', 'respond', 'advance']) {
  const xs = latency[m] ?? [];
  if (xs.length) console.log(`  ${m.padEnd(13)} ${String(xs.length).padStart(6)}  ${ms(q(xs, 50)).padStart(9)}  ${ms(q(xs, 95)).padStart(9)}  ${ms(Math.max(...xs)).padStart(9)}`);
}
console.log(`  answers: ${Object.entries(statuses).sort().map(([k, v]) => `${k}: ${v}`).join(', ')}`);
console.log(`  errors (anything but 200 or a rule's 409): ${errors.length}${errors.length ? ` — first: ${errors.slice(0, 3).join(' | ')}` : ''}`);
const logged = serverLog.split('\n').filter((l) => l && !l.startsWith('parley: students open'));
console.log(`  server log lines (errors it reported): ${logged.length}${logged.length ? ` — ${logged.slice(0, 2).join(' | ')}` : ''}`);
console.log(`  server memory at the end: RSS ${(kb('VmRSS') / 1024).toFixed(1)} MB (peak ${(kb('VmHWM') / 1024).toFixed(1)} MB)`);
fs.rmSync(dir, { recursive: true, force: true });
