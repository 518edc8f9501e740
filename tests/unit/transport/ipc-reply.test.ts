// The IPC transport's per-call logic (Electron itself cannot run here): bad input is answered with a
// clear error and never reaches the service.
import { describe, expect, it } from 'vitest';
import { ApiError, type ApiMethod } from '../../../src-core/api.ts';
import { API_METHOD_NAMES } from '../../../src-core/api-methods.ts';
import { ipcReply } from '../../../src-main/app/ipc-reply.ts';
import type { ParleyService } from '../../../src-main/service.ts';

function recordingService(result: unknown = 'done', error?: Error) {
  const calls: [string, unknown][] = [];
  const service = {
    call(method: string, input: unknown) {
      calls.push([method, input]);
      if (error) throw error;
      return result;
    },
  } as unknown as ParleyService;
  return { service, calls };
}

const logs: string[] = [];
const log = (l: string) => logs.push(l);

describe('ipcReply', () => {
  it.each<[string, ApiMethod, unknown]>([
    ['no input object', 'getCase', 'ukraine'],
    ['a bad id', 'getCase', { caseId: 'Ukraine Talks' }],
    ['an extra field', 'deleteScenario', { caseId: 'a', scenarioId: 'b', force: true }],
    ['a too-long name', 'renameScenario', { caseId: 'a', scenarioId: 'b', name: 'x'.repeat(201) }],
    ['a non-string case file', 'importCase', { content: 12 }],
  ])('refuses %s without calling the service', async (_what, method, input) => {
    const { service, calls } = recordingService();
    const reply = await ipcReply(service, method, input, log);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('invalid_input');
      expect(reply.error.message).toMatch(/invalid input/);
    }
    expect(calls).toEqual([]);
  });

  it('passes validated input through and returns the value', async () => {
    const { service, calls } = recordingService({ id: 'x' });
    expect(await ipcReply(service, 'getCase', { caseId: 'ukraine-talks-2025-08' }, log)).toEqual({ ok: true, value: { id: 'x' } });
    expect(calls).toEqual([['getCase', { caseId: 'ukraine-talks-2025-08' }]]);
  });

  it('returns api errors as values and hides unexpected ones', async () => {
    const notFound = await ipcReply(recordingService(undefined, new ApiError('not_found', 'no case "x"')).service, 'getCase', { caseId: 'x' }, log);
    expect(notFound).toEqual({ ok: false, error: { code: 'not_found', message: 'no case "x"' } });
    const crash = await ipcReply(recordingService(undefined, new TypeError('secret internals')).service, 'getCase', { caseId: 'x' }, log);
    expect(crash.ok).toBe(false);
    expect(JSON.stringify(crash)).not.toContain('secret internals');
    expect(logs.some((l) => l.includes('secret internals'))).toBe(true);
  });

  it('covers every method of the contract', async () => {
    for (const method of API_METHOD_NAMES) {
      const { service, calls } = recordingService();
      await ipcReply(service, method, { surely: 'not valid' }, log);
      expect(calls, method).toEqual([]);
    }
  });
});
