// The real `parley` binary (bin/parley.js, bundled by tests/unit/global-setup.ts) as child processes:
// one-shot commands and `parley serve` answering api calls over HTTP, for the tests that need separate
// processes (crash safety, two processes sharing a library, backup and restore next to a running server).
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PARLEY_BIN = path.join(REPO_ROOT, 'bin', 'parley.js');

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  done: Promise<Finished>;
}

/** Starts `parley ARGS`; `done` settles when it exits (normally or killed). */
export function startParley(args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [PARLEY_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PARLEY_DEBUG: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Finished>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runParley(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return startParley(args, env).done;
}

export interface Server extends Running {
  url: string;
  /** Everything the server wrote to stderr so far. */
  log(): string;
  /** SIGTERM and wait: the normal way a server stops. */
  stop(): Promise<Finished>;
}

/** Starts `parley serve --port 0 --db DB` and resolves once it prints its address. */
export function startServe(db: string): Promise<Server> {
  const running = startParley(['serve', '--port', '0', '--db', db]);
  let err = '';
  running.child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/\S+)/.exec(out);
      if (!m) return;
      running.child.stdout!.off('data', onData);
      resolve({
        ...running,
        url: m[1]!.replace(/\/$/, ''),
        log: () => err,
        stop: () => {
          running.child.kill('SIGTERM');
          return running.done;
        },
      });
    };
    running.child.stdout!.on('data', onData);
    void running.done.then((f) => reject(new Error(`parley serve exited before listening (code ${f.code}, signal ${f.signal}): ${f.stderr}`)));
  });
}

export interface ApiReply {
  status: number;
  text: string;
  body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } | null;
}

/** POSTs one api call; a connection the server drops (it was killed) rejects. */
export function apiCall(url: string, method: string, input: unknown): Promise<ApiReply> {
  const payload = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/api/${method}`,
      { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: ApiReply['body'] = null;
          try {
            body = JSON.parse(text);
          } catch {
            body = null;
          }
          resolve({ status: res.statusCode ?? 0, text, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
