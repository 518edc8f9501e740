// Exposes the api contract as window.parley and nothing else. Sandboxed: only 'electron' may be required.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHOD_NAMES, IPC_CHANNEL_PREFIX, type ApiReply } from '../../src-core/api-methods.ts';

// Each method answers the reply itself, errors included: the page turns { ok: false } into an
// exception, because an Error thrown here would lose its code and details crossing contextBridge.
const api: Record<string, (input?: unknown) => Promise<ApiReply>> = {};
for (const method of API_METHOD_NAMES) {
  api[method] = (input?: unknown) => ipcRenderer.invoke(IPC_CHANNEL_PREFIX + method, input ?? {}) as Promise<ApiReply>;
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
