// One IPC call, transport-independent: validate, call the service, answer with a value or an error
// (never a stack trace). Kept free of Electron so it is tested under plain Node.
import { ApiError, validateInput, type ApiMethod } from '../../src-core/api.ts';
import type { ApiReply } from '../../src-core/api-methods.ts';
import type { ParleyService } from '../service.ts';

export async function ipcReply(service: ParleyService, method: ApiMethod, raw: unknown, log: (line: string) => void): Promise<ApiReply> {
  try {
    return { ok: true, value: await service.call(method, validateInput(method, raw)) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toJSON() };
    log(`api ${method} failed: ${(err as Error).stack ?? String(err)}`);
    return { ok: false, error: { code: 'internal', message: 'internal error; see the log' } };
  }
}
