// Browser mode: the built renderer and the JSON api over HTTP, on 127.0.0.1 unless told otherwise.
// Thin: parse, validate with the api's schemas, call the service, return JSON.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApiError, isApiMethod, MAX_CASE_TEXT, validateInput } from '../../src-core/api.ts';
import type { ParleyService } from '../service.ts';

export const MAX_BODY_BYTES = MAX_CASE_TEXT + 64 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

export const STATUS: Record<ApiError['code'], number> = { invalid_input: 400, invalid_case: 422, invalid_file: 422, not_found: 404, conflict: 409, referenced: 409, forbidden: 403, internal: 500 };

export interface ServerOptions {
  service: ParleyService;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? (() => {});
  return listen((req, res) => handle(req, res, options, log), options.host ?? '127.0.0.1', options.port ?? 0, log);
}

/** Serves `handler` on host:port; an error it throws is logged and answered 500 without details. */
export function listen(handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>, host: string, port: number, log: (line: string) => void): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    handler(req, res).catch((err) => {
      log(`internal error: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'internal error; see the server log' } });
      else res.destroy();
    });
  });
  server.requestTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      const bound = typeof addr === 'object' && addr ? addr.port : port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${bound}/`,
        server,
        close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

export const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
export const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');
export const hostName = (header: string | undefined) => (header ?? '').toLowerCase().replace(/:\d+$/, '');

export function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, options: ServerOptions, log: (l: string) => void): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // On loopback, only loopback host names: a page on another site cannot reach us through DNS rebinding.
  if (isLoopback(options.host ?? '127.0.0.1') && !LOOPBACK_NAMES.has(hostName(req.headers.host))) {
    sendJson(res, 421, { ok: false, error: { code: 'invalid_input', message: 'this server answers only to localhost addresses' } });
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    await handleApi(req, res, url.pathname.slice(5), options.service, log);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: `${req.method} is not allowed here` } });
    return;
  }
  serveStatic(url.pathname, req, res, options.staticDir);
}

export const sendError = (res: http.ServerResponse, status: number, code: ApiError['code'], message: string) => sendJson(res, status, { ok: false, error: { code, message } });

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`);

/**
 * The checks every api request passes before its method runs: POST, a known method, a JSON body from this
 * origin within `limit` bytes. Returns the parsed body, or undefined once it has answered with the error.
 */
export async function readApiRequest(req: http.IncomingMessage, res: http.ServerResponse, known: boolean, method: string, limit: number): Promise<unknown> {
  const fail = (status: number, code: ApiError['code'], message: string) => (sendError(res, status, code, message), undefined);
  if (req.method !== 'POST') return fail(405, 'invalid_input', 'the api takes POST requests');
  if (!known) return fail(404, 'not_found', `no api method "${method}"`);
  // A JSON content type forces a CORS preflight, which this server never grants: other sites cannot call the api.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return fail(415, 'invalid_input', 'send the input as application/json');
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) return fail(403, 'invalid_input', 'cross-origin requests are refused');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return fail(413, 'invalid_input', `the request is larger than ${sizeText(limit)}`);
  }
  const body = await readBody(req, limit);
  if (body === null) return fail(413, 'invalid_input', `the request is larger than ${sizeText(limit)}`);
  try {
    return body.length ? JSON.parse(body) : {};
  } catch {
    return fail(400, 'invalid_input', 'the request body is not valid JSON');
  }
}

async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string, service: ParleyService, log: (l: string) => void): Promise<void> {
  const input = await readApiRequest(req, res, isApiMethod(method), method, MAX_BODY_BYTES);
  if (input === undefined || !isApiMethod(method)) return;
  try {
    const value = await service.call(method, validateInput(method, input));
    sendJson(res, 200, { ok: true, value });
  } catch (err) {
    if (err instanceof ApiError) {
      sendJson(res, STATUS[err.code], { ok: false, error: err.toJSON() });
      return;
    }
    log(`api ${method} failed: ${(err as Error).stack ?? String(err)}`);
    sendError(res, 500, 'internal', 'internal error; see the server log');
  }
}

export function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function serveStatic(pathname: string, req: http.IncomingMessage, res: http.ServerResponse, dir: string): void {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    rel = '/';
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const root = path.resolve(dir);
  const file = path.resolve(root, `.${path.posix.normalize(rel)}`);
  const inside = file === root || file.startsWith(root + path.sep);
  if (!inside || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    const notBuilt = !fs.existsSync(path.join(root, 'index.html'));
    securityHeaders(res);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(notBuilt ? 'The Parley UI is not built: run `npm run build` first.\n' : 'Not found\n');
    return;
  }
  securityHeaders(res);
  const type = MIME[path.extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': fs.statSync(file).size, 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).pipe(res);
}
