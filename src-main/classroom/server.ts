// The classroom server (`parley classroom`, DESIGN.md §13): one simulation, the same Svelte app at /classroom,
// and POST /api/classroom.<method> with a bearer token. Thin: authenticate, hand the call to the Classroom's
// dispatch (which checks the seat and validates the input), answer JSON. The same request checks, limits and headers as `parley serve`.
import type http from 'node:http';
import { ApiError } from '../../src-core/api.ts';
import { isClassroomMethod, type ClassroomInput } from '../../src-core/classroom/inputs.ts';
import { hostName, isLoopback, listen, LOOPBACK_NAMES, readApiRequest, securityHeaders, sendJson, serveStatic, STATUS, type RunningServer } from '../server/http-server.ts';
import { validateClassroomInput as validate, type Classroom } from './classroom.ts';
import { FailureLimiter, type LimiterOptions } from './failure-limiter.ts';

/** Where the app opens in classroom mode (the printed links and the join page). */
export const CLASSROOM_PATH = '/classroom';
/** Classroom inputs are a few terms or a brief of at most 4000 characters: 64 KB is far more than any needs. */
export const MAX_CLASSROOM_BODY = 64 * 1024;
/** Ten wrong codes a minute per address: a typo or two is fine, guessing 50-bit codes is hopeless. */
export const JOIN_LIMIT: LimiterOptions = { perAddress: 10, windowMs: 60_000 };

export interface ClassroomServerOptions {
  classroom: Classroom;
  simulationId: string;
  staticDir: string;
  host?: string;
  port?: number;
  log?: (line: string) => void;
  joinLimit?: LimiterOptions;
}

export function startClassroomServer(options: ClassroomServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const limiter = new FailureLimiter(options.joinLimit ?? JOIN_LIMIT);
  return listen((req, res) => handle(req, res, { ...options, host, log, limiter }), host, options.port ?? 0, log);
}

type Context = ClassroomServerOptions & { host: string; log: (line: string) => void; limiter: FailureLimiter };

async function handle(req: http.IncomingMessage, res: http.ServerResponse, ctx: Context): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // On loopback, only loopback host names: a page on another site cannot reach us through DNS rebinding.
  if (isLoopback(ctx.host) && !LOOPBACK_NAMES.has(hostName(req.headers.host))) return fail(res, 421, 'invalid_input', 'this server answers only to localhost addresses');
  if (url.pathname.startsWith('/api/')) return api(req, res, url.pathname.slice(5), ctx);
  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'invalid_input', `${req.method} is not allowed here`);
  // Students type only the address: the root sends them on to the join page.
  if (url.pathname === '/') {
    securityHeaders(res);
    res.writeHead(302, { Location: CLASSROOM_PATH, 'Content-Length': 0 });
    res.end();
    return;
  }
  serveStatic(url.pathname === CLASSROOM_PATH ? '/index.html' : url.pathname, req, res, ctx.staticDir);
}

function fail(res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  sendJson(res, status, { ok: false, error: { code, message } });
}

const PREFIX = 'classroom.';

async function api(req: http.IncomingMessage, res: http.ServerResponse, name: string, ctx: Context): Promise<void> {
  const method = name.startsWith(PREFIX) ? name.slice(PREFIX.length) : '';
  const address = req.socket.remoteAddress ?? '';
  // A locked-out address learns nothing, not even whether its body was valid.
  if (method === 'join' && req.method === 'POST') {
    const wait = ctx.limiter.retryAfter(address);
    if (wait > 0) {
      req.resume();
      return fail(res, 429, 'rate_limited', `too many wrong join codes from this address; try again in ${wait} s`, { 'Retry-After': String(wait) });
    }
  }
  const raw = await readApiRequest(req, res, isClassroomMethod(method), name, MAX_CLASSROOM_BODY);
  if (raw === undefined || !isClassroomMethod(method)) return;
  try {
    if (method === 'join') return join(res, raw, address, ctx);
    const token = bearer(req.headers.authorization);
    if (!token) return fail(res, 401, 'unauthorized', 'this call needs "Authorization: Bearer <token>": join with your code first', { 'WWW-Authenticate': 'Bearer' });
    const seat = ctx.classroom.seat(ctx.simulationId, token);
    if (!seat) return fail(res, 401, 'unauthorized', 'this token is not valid for this simulation: join again with your code', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    sendJson(res, 200, { ok: true, value: await ctx.classroom.dispatch(ctx.simulationId, seat.role, method, raw) });
  } catch (err) {
    if (err instanceof ApiError) return sendJson(res, STATUS[err.code], { ok: false, error: err.toJSON() });
    ctx.log(`classroom.${method} failed: ${(err as Error).stack ?? String(err)}`);
    fail(res, 500, 'internal', 'internal error; see the server log');
  }
}

function join(res: http.ServerResponse, raw: unknown, address: string, ctx: Context): void {
  let input: ClassroomInput<'join'>;
  try {
    input = validate('join', raw);
  } catch (err) {
    ctx.limiter.fail(address);
    throw err;
  }
  const joined = ctx.classroom.join(ctx.simulationId, input.code);
  if (!joined) {
    ctx.limiter.fail(address);
    return fail(res, 401, 'unauthorized', 'no role of this simulation has that join code: check it with your facilitator');
  }
  sendJson(res, 200, { ok: true, value: joined });
}

const bearer = (header: string | undefined): string | undefined => /^Bearer +(\S+)\s*$/i.exec(header ?? '')?.[1];
