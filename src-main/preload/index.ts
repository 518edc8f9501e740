// Exposes the api contract as window.parley and nothing else. Sandboxed: only 'electron' may be required.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHOD_NAMES, IPC_CHANNEL_PREFIX, MENU_CHANNEL, type ApiReply, type CaseFileContent } from '../../src-core/api-methods.ts';

// Each method answers the reply itself, errors included: the page turns { ok: false } into an
// exception, because an Error thrown here would lose its code and details crossing contextBridge.
const api: Record<string, (input?: unknown) => Promise<ApiReply>> = {};
for (const method of API_METHOD_NAMES) {
  api[method] = (input?: unknown) => ipcRenderer.invoke(IPC_CHANNEL_PREFIX + method, input ?? {}) as Promise<ApiReply>;
}

// Menu commands (File ▸ Import/Export…) are forwarded to the UI as named events; Import carries the file.
type MenuListener = (command: string, file?: CaseFileContent) => void;
const menuListeners = new Set<MenuListener>();
const isCaseFile = (v: unknown): v is CaseFileContent =>
  typeof v === 'object' && v !== null && typeof (v as CaseFileContent).name === 'string' && typeof (v as CaseFileContent).text === 'string';
ipcRenderer.on(MENU_CHANNEL, (_event, command: unknown, file: unknown) => {
  if (typeof command !== 'string') return;
  const caseFile = isCaseFile(file) ? { name: file.name, text: file.text } : undefined;
  for (const l of menuListeners) l(command, caseFile);
});

contextBridge.exposeInMainWorld('parley', {
  ...api,
  onMenuCommand(listener: MenuListener): () => void {
    menuListeners.add(listener);
    return () => menuListeners.delete(listener);
  },
});
