// Exposes the api contract as window.parley and nothing else. Sandboxed: only 'electron' may be required.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHOD_NAMES, IPC_CHANNEL_PREFIX } from '../../src-core/api-methods.ts';

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };

const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
for (const method of API_METHOD_NAMES) {
  api[method] = async (input?: unknown) => {
    const reply = (await ipcRenderer.invoke(IPC_CHANNEL_PREFIX + method, input ?? {})) as Reply;
    if (reply.ok) return reply.value;
    throw Object.assign(new Error(reply.error.message), { code: reply.error.code, details: reply.error.details });
  };
}

// Menu commands (File ▸ Import/Export…) are forwarded to the UI as named events.
const menuListeners = new Set<(command: string) => void>();
ipcRenderer.on('parley:menu', (_event, command: unknown) => {
  if (typeof command === 'string') for (const l of menuListeners) l(command);
});

contextBridge.exposeInMainWorld('parley', {
  ...api,
  onMenuCommand(listener: (command: string) => void): () => void {
    menuListeners.add(listener);
    return () => menuListeners.delete(listener);
  },
});
