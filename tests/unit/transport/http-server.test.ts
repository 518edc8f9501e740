// The HTTP transport: every bad request gets a clear JSON error and never reaches the store.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyService } from '../../../src-main/service.ts';
import { startServer, type RunningServer } from '../../../src-main/server/http-server.ts';
import { request as rawRequest } from './http-client.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let dir: string;
let service: ParleyService;
let server: RunningServer;
let port: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-http-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Parley</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the web');
  service = ParleyService.open(path.join(dir, 'library.sqlite'), { casesDir: path.join(ROOT, 'data', 'cases') });
  server = await startServer({ service, staticDir, port: 0 });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server.close();
  service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const request = (method: string, urlPath: string, body?: string | Buffer, headers: Record<string, string> = {}) => rawRequest(port, method, urlPath, body, headers);

const call = (method: string, input: unknown) => request('POST', `/api/${method}`, JSON.stringify(input));
const libraryState = () => JSON.stringify(service.repo.list().map((c) => service.repo.get(c.id)));
const hash = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

describe('the JSON api over HTTP', () => {
  it('answers a valid call with the service result', async () => {
    const r = await call('listCases', {});
    expect(r.status).toBe(200);
    expect(r.json.ok).toBe(true);
    expect((r.json.value as { id: string }[]).map((c) => c.id)).toContain('ukraine-talks-2025-08');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['a case id that is not an id', 'getCase', { caseId: '../../etc/passwd' }, 'caseId'],
    ['a missing field', 'getCase', {}, 'caseId'],
    ['an unknown field', 'getCase', { caseId: 'ukraine-talks-2025-08', extra: 1 }, 'extra'],
    ['a wrong type', 'renameScenario', { caseId: 'ukraine-talks-2025-08', scenarioId: 'alaska-terms', name: 42 }, 'name'],
    ['an empty name', 'renameScenario', { caseId: 'ukraine-talks-2025-08', scenarioId: 'alaska-terms', name: '   ' }, 'name'],
    ['a scenario term that is not an id', 'saveScenario', { caseId: 'ukraine-talks-2025-08', scenario: { id: 'x', name: 'X', terms: { 'Donetsk!': 'ceded' } } }, 'scenario.terms'],
  ])('refuses %s with a 400 naming the field, and changes nothing', async (_what, method, input, field) => {
    const before = hash(libraryState());
    const r = await call(method, input);
    expect(r.status).toBe(400);
    expect(r.json.ok).toBe(false);
    expect(r.json.error!.code).toBe('invalid_input');
    expect(r.json.error!.message).toContain(field);
    expect(r.text).not.toMatch(/\n\s+at /);
    expect(hash(libraryState())).toBe(before);
  });

  it('refuses a scenario that does not fit its case, naming the bad term', async () => {
    const before = hash(libraryState());
    const r = await call('saveScenario', { caseId: 'ukraine-talks-2025-08', scenario: { id: 'bad', name: 'Bad', terms: { donetsk: 'annexed' } } });
    expect(r.status).toBe(400);
    expect(r.json.error!.message).toContain('"annexed" is not an option of issue "donetsk"');
    expect(r.json.error!.details?.[0]?.path).toBe('scenario.terms.donetsk');
    expect(hash(libraryState())).toBe(before);
  });

  it('reports an invalid case file with every error and imports nothing', async () => {
    const before = service.repo.list().length;
    const r = await call('importCase', { content: JSON.stringify({ format: 'parley-case', version: 1, id: 'Bad Id', title: '', parties: 'none', issues: {} }) });
    expect(r.status).toBe(422);
    expect(r.json.error!.code).toBe('invalid_case');
    const paths = r.json.error!.details!.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'title', 'parties', 'issues']));
    expect(service.repo.list()).toHaveLength(before);
  });

  it('gives 404 for an unknown case and an unknown method, 409 for a duplicate import', async () => {
    expect((await call('getCase', { caseId: 'no-such-case' })).status).toBe(404);
    expect((await call('dropTables', {})).status).toBe(404);
    const exported = await call('exportCase', { caseId: 'ukraine-talks-2025-08' });
    const dup = await call('importCase', { content: (exported.json.value as { content: string }).content });
    expect(dup.status).toBe(409);
    expect(dup.json.error!.code).toBe('conflict');
  });

  it('refuses bodies that are not JSON, not declared as JSON, or too large', async () => {
    expect((await request('POST', '/api/listCases', '{not json')).status).toBe(400);
    expect((await request('POST', '/api/listCases', '{}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await request('GET', '/api/listCases')).status).toBe(405);
    const huge = Buffer.alloc(21 * 1024 * 1024, 0x20);
    const r = await request('POST', '/api/importCase', huge);
    expect(r.status).toBe(413);
    expect(r.json.error!.message).toMatch(/larger than/);
  });

  it('refuses other origins and foreign host names (CSRF, DNS rebinding)', async () => {
    expect((await request('POST', '/api/listCases', '{}', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await request('POST', '/api/listCases', '{}', { Host: 'evil.example' })).status).toBe(421);
    expect((await request('POST', '/api/listCases', '{}', { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });
});

describe('static files', () => {
  it('serves the UI with a strict CSP and security headers', async () => {
    const r = await request('GET', '/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<title>Parley</title>');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect((await request('GET', '/assets/app.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('never serves files outside the UI folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/..%2fsecret.txt']) {
      const r = await request('GET', p);
      expect(r.status, p).toBe(404);
      expect(r.text).not.toContain('not for the web');
    }
  });
});

it('binds to 127.0.0.1 by default', async () => {
  const other = await startServer({ service, staticDir: dir, port: 0 });
  try {
    const addr = other.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
  } finally {
    await other.close();
  }
});
