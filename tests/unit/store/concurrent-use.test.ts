// Two programs on one library: the CLI writing while `parley serve` reads and writes it, and the other
// way round. Real processes on a real file: no call may fail with "database is locked", and the server
// reports every change (its own, and the CLI's) through libraryChanges.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeCase } from '../../../src-core/case-file.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { generateCase } from '../../fixtures/generate-case.ts';
import { apiCall, runParley, startServe, type ApiReply, type Finished, type Server } from '../parley-process.ts';
import { CASES_DIR, shippedCases } from './temp-library.ts';

const UKRAINE = 'ukraine-talks-2025-08';
let dir: string;
let db: string;
let server: Server | undefined;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-concurrent-'));
  db = path.join(dir, 'library.sqlite');
  ParleyService.open(db, { casesDir: CASES_DIR }).close();
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Case files of a given size: `n` versions of one case id, so imports replace each other. */
function caseFiles(id: string, n: number, size: { parties: number; issues: number; options: number }): string[] {
  return Array.from({ length: n }, (_, v) => {
    const file = path.join(dir, `${id}-${v}.json`);
    fs.writeFileSync(file, serializeCase(generateCase({ ...size, scenarios: 6, seed: v + 1, id })));
    return file;
  });
}

/** Api calls to the server, reads and writes mixed, until `stop()`; every reply is kept. */
function hammer(url: string, writes: boolean): { stop: () => Promise<ApiReply[]> } {
  const replies: ApiReply[] = [];
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const kind = writes ? i % 4 : (i % 2) * 2;
      const reply =
        kind === 0
          ? await apiCall(url, 'getCase', { caseId: UKRAINE })
          : kind === 1
            ? await apiCall(url, 'saveScenario', { caseId: UKRAINE, scenario: { id: `busy-${i % 5}`, name: `Busy ${i}`, terms: { donetsk: i % 2 ? 'ceded' : 'restored' } } })
            : kind === 2
              ? await apiCall(url, 'listCases', {})
              : await apiCall(url, 'renameScenario', { caseId: UKRAINE, scenarioId: 'alaska-terms', name: `Alaska terms ${i}` });
      replies.push(reply);
      // A breath between calls, so that the load does not starve the CLI of the CPU it must compete for the lock with.
      await new Promise((r) => setTimeout(r, 3));
    }
  })().catch((err: Error) => replies.push({ status: 0, text: `request failed: ${err.message}`, body: null }));
  return {
    stop: async () => {
      running = false;
      await loop;
      return replies;
    },
  };
}

function expectAllAnswered(replies: ApiReply[]): void {
  expect(replies.length).toBeGreaterThan(10);
  const failed = replies.filter((r) => r.status !== 200);
  expect(failed.map((r) => r.text.slice(0, 200))).toEqual([]);
}

function expectCliSucceeded(runs: Finished[]): void {
  for (const r of runs) {
    expect(r.stderr).not.toMatch(/locked|busy/i);
    expect(r.code, r.stderr).toBe(0);
  }
}

describe('the CLI and `parley serve` on one library', () => {
  it('the CLI imports while the server reads and writes', { timeout: 120_000 }, async () => {
    server = await startServe(db);
    const files = caseFiles('from-the-cli', 3, { parties: 6, issues: 16, options: 5 });
    const load = hammer(server.url, true);
    const runs: Finished[] = [];
    for (let i = 0; i < 4; i++) runs.push(await runParley(['import', files[i % files.length]!, '--replace', '--db', db]));
    const replies = await load.stop();
    expectCliSucceeded(runs);
    expectAllAnswered(replies);
    expect(server.log()).not.toMatch(/locked|internal error/);
  });

  it('the server writes while several CLI processes write at the same time, one holding a long transaction', { timeout: 120_000 }, async () => {
    server = await startServe(db);
    const big = caseFiles('big-import', 2, { parties: 14, issues: 40, options: 8 });
    const small = caseFiles('small-import', 3, { parties: 3, issues: 5, options: 3 });
    const load = hammer(server.url, true);
    const runs = await Promise.all([
      runParley(['import', big[0]!, '--replace', '--db', db]),
      runParley(['import', small[0]!, '--replace', '--db', db]),
      runParley(['import', big[1]!, '--replace', '--db', db]),
      runParley(['import', small[1]!, '--replace', '--db', db]),
      runParley(['import', small[2]!, '--replace', '--db', db]),
    ]);
    const replies = await load.stop();
    expectCliSucceeded(runs);
    expectAllAnswered(replies);
    const listed = await runParley(['cases', '--format', 'json', '--db', db]);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((c) => c.id).sort()).toEqual(['big-import', 'small-import', ...shippedCases().map((c) => c.parsed.id)].sort());
  });

  it('the CLI reads while the server writes', { timeout: 120_000 }, async () => {
    server = await startServe(db);
    const load = hammer(server.url, true);
    const runs: Finished[] = [];
    for (let i = 0; i < 3; i++) runs.push(await runParley(['export', UKRAINE, '--out', '-', '--db', db]));
    const replies = await load.stop();
    expectCliSucceeded(runs);
    expectAllAnswered(replies);
    for (const r of runs) expect(JSON.parse(r.stdout).id).toBe(UKRAINE);
  });
});

describe('libraryChanges', () => {
  it('reports what the CLI changed, what the server itself changed, and nothing else', { timeout: 60_000 }, async () => {
    server = await startServe(db);
    const changes = async (since?: string) => (await apiCall(server!.url, 'libraryChanges', since === undefined ? {} : { since })).body!.value as { version: string; changed: boolean };
    const first = await changes();
    expect(first.changed).toBe(false);
    expect((await changes(first.version)).changed).toBe(false);
    await apiCall(server.url, 'getCase', { caseId: UKRAINE });
    expect((await changes(first.version)).changed).toBe(false);

    const [file] = caseFiles('from-the-cli', 1, { parties: 3, issues: 4, options: 3 });
    expectCliSucceeded([await runParley(['import', file!, '--db', db])]);
    const afterCli = await changes(first.version);
    expect(afterCli.changed).toBe(true);
    expect((await changes(afterCli.version)).changed).toBe(false);

    // Another window of the same server saved a scenario: the data_version of its own connection does not
    // move for that, but the version still does.
    expect((await apiCall(server.url, 'saveScenario', { caseId: UKRAINE, scenario: { id: 'tab-two', name: 'From another tab', terms: {} } })).status).toBe(200);
    const afterOwn = await changes(afterCli.version);
    expect(afterOwn.changed).toBe(true);
    expect((await changes(afterOwn.version)).changed).toBe(false);

    // A refused write changes nothing, and is not reported as a change.
    expect((await apiCall(server.url, 'importCase', { content: '{}' })).status).toBe(422);
    expect((await changes(afterOwn.version)).changed).toBe(false);
  });
});
