// The IPC transport: one handler per api method. The sender must be our own window's page;
// everything else is ipcReply's job.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_METHOD_NAMES, IPC_CHANNEL_PREFIX } from '../../src-core/api-methods.ts';
import type { ParleyService } from '../service.ts';
import { ipcReply } from './ipc-reply.ts';

export function registerIpc(service: ParleyService, isTrustedUrl: (url: string) => boolean, log: (line: string) => void): void {
  for (const method of API_METHOD_NAMES) {
    ipcMain.handle(IPC_CHANNEL_PREFIX + method, (event: IpcMainInvokeEvent, raw: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        log(`refused ${method} from untrusted frame ${url}`);
        return { ok: false, error: { code: 'invalid_input', message: 'refused: the request did not come from Parley' } };
      }
      return ipcReply(service, method, raw, log);
    });
  }
}
