// The IPC transport: one handler per api method; the sender must be our own window's page,
// the input is validated with the api's schemas, errors come back as values (never stacks).
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { ApiError, validateInput, type ApiMethod } from '../../src-core/api.ts';
import { API_METHOD_NAMES, IPC_CHANNEL_PREFIX } from '../../src-core/api-methods.ts';
import type { ParleyService } from '../service.ts';

export function registerIpc(service: ParleyService, isTrustedUrl: (url: string) => boolean, log: (line: string) => void): void {
  for (const method of API_METHOD_NAMES) {
    ipcMain.handle(IPC_CHANNEL_PREFIX + method, (event: IpcMainInvokeEvent, raw: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        log(`refused ${method} from untrusted frame ${url}`);
        return { ok: false, error: { code: 'invalid_input', message: 'refused: the request did not come from Parley' } };
      }
      return handle(service, method, raw, log);
    });
  }
}

export function handle(service: ParleyService, method: ApiMethod, raw: unknown, log: (line: string) => void) {
  try {
    return { ok: true, value: service.call(method, validateInput(method, raw)) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toJSON() };
    log(`api ${method} failed: ${(err as Error).stack ?? String(err)}`);
    return { ok: false, error: { code: 'internal', message: 'internal error; see the log' } };
  }
}
