// `parley classroom` as a teacher runs it: the printed lines, then SIGKILL mid-class and `--resume`, which
// continues the same simulation with the same codes while the students' tokens keep working.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { CLASSROOM_CASE_FILE } from './classroom-fixture.ts';
import { call } from '../transport/http-client.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  port: number;
}

/** Starts `parley classroom ARGS` and waits for its printed lines (simulation, facilitator, one per role). */
function start(args: string[], roles: number): Promise<Started> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/parley.js'), 'classroom', ...args], { cwd: ROOT });
  children.push(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no output in time; stdout: ${out}; stderr: ${err}`)), 15_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`parley classroom exited with ${code}: ${err}`)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n').filter(Boolean);
      if (lines.length < 2 + roles) return;
      clearTimeout(timer);
      resolve({ child, lines, port: Number(new URL(lines[1]!.split(' ')[1]!).port) });
    });
  });
}

it('prints its lines, and a killed server resumed with --resume continues the class where it was', { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-classroom-cli-'));
  dirs.push(dir);
  const db = path.join(dir, 'library.sqlite');
  const first = await start([CLASSROOM_CASE_FILE, '--roles', 'north,east', '--rounds', '2', '--port', '0', '--db', db], 2);
  const [simLine, facLine, ...roleLines] = first.lines;
  expect(simLine).toMatch(/^simulation [a-z0-9]{8}$/);
  expect(facLine).toMatch(/^facilitator http:\/\/127\.0\.0\.1:\d+\/classroom#token=[\w-]{43}$/);
  expect(roleLines).toEqual([expect.stringMatching(/^role north [0-9A-Z]{5}-[0-9A-Z]{5}$/), expect.stringMatching(/^role east [0-9A-Z]{5}-[0-9A-Z]{5}$/)]);
  const id = simLine!.split(' ')[1]!;
  const facToken = facLine!.split('#token=')[1]!;
  const code = (role: string) => roleLines.find((l) => l.startsWith(`role ${role} `))!.split(' ')[2]!;

  const north = (await call(first.port, 'join', { code: code('north') })).json.value.token as string;
  expect((await call(first.port, 'propose', { terms: { berths: 'equal', fees: 'keep' } }, north)).status).toBe(200);
  expect((await call(first.port, 'deadline', { minutes: 20 }, facToken)).status).toBe(200);
  const before = (await call(first.port, 'state', {}, facToken)).json.value;

  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));

  const second = await start(['--resume', id, '--port', '0', '--db', db], 2);
  expect(second.lines[0]).toBe(simLine);
  expect(second.lines.slice(2)).toEqual(roleLines);
  const newFac = second.lines[1]!.split('#token=')[1]!;
  expect(newFac).not.toBe(facToken);
  // The students' sessions and the old dashboard go on; the state is exactly as it was.
  const after = (await call(second.port, 'state', {}, facToken)).json.value;
  expect({ ...after, simulation: { ...after.simulation, now: null } }).toEqual({ ...before, simulation: { ...before.simulation, now: null } });
  expect((await call(second.port, 'state', {}, newFac)).status).toBe(200);
  const east = (await call(second.port, 'join', { code: code('east') })).json.value.token as string;
  const agreed = await call(second.port, 'respond', { accept: true }, east);
  expect(agreed.json.value.simulation.status).toBe('agreed');
  expect((await call(second.port, 'state', {}, north)).json.value.table.answers).toEqual({ north: 'accept', east: 'accept' });
  second.child.kill('SIGTERM');
  expect(await new Promise((r) => second.child.once('exit', r))).toBe(0);
});

it('says what is wrong, without a stack trace, for an unknown simulation or bad flags', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-classroom-cli-'));
  dirs.push(dir);
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/parley.js'), 'classroom', ...args, '--db', path.join(dir, 'l.sqlite')], { cwd: ROOT });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
  expect(await run(['--resume', 'nosuchsim'])).toEqual({ code: 1, stderr: 'parley: no simulation "nosuchsim" in this library\n' });
  expect(await run([CLASSROOM_CASE_FILE, '--roles', 'north'])).toEqual({ code: 1, stderr: expect.stringMatching(/^parley: roles: a simulation needs at least two roles/) });
  expect(await run([CLASSROOM_CASE_FILE, '--rounds', '40'])).toEqual({ code: 2, stderr: expect.stringMatching(/^parley: --rounds must be a whole number from 1 to 20\nusage: /) });
  expect(await run([])).toEqual({ code: 2, stderr: expect.stringMatching(/^parley: classroom takes a CASE \(or --resume ID\)/) });
});
