// The main window and the rules every web contents lives by. The security settings are not negotiable
// (DESIGN.md §8): context isolation, sandbox, no Node, no webviews, no navigation away from Parley's
// page, no new windows; links to sources open in the user's browser.
import { BrowserWindow, screen, shell, type WebContents } from 'electron';
import { isRendererUrl, type RendererPage } from './renderer-page.ts';
import { fitToDisplays, loadBounds, saveBounds } from './window-state.ts';

export interface WindowOptions {
  page: RendererPage;
  /** The preload bundle (out/preload/index.cjs). */
  preload: string;
  /** Where the window's bounds are remembered. */
  userData: string;
}

export function createMainWindow({ page, preload, userData }: WindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const bounds = fitToDisplays(loadBounds(userData), areas);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Parley',
    backgroundColor: '#f7f7f5',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveBounds(userData, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  if (page.kind === 'dev-server') void win.loadURL(page.url);
  else void win.loadFile(page.index);
  return win;
}

/** Applied to every web contents as it is created: nothing navigates away, nothing opens inside Parley. */
export function lockDown(contents: WebContents, page: RendererPage): void {
  contents.on('will-navigate', (event, url) => {
    if (!isRendererUrl(url, page)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
}

/** Opens a web link (http or https only, as parsed by the URL standard) in the user's browser. */
export function openInBrowser(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:') void shell.openExternal(parsed.href);
}
