// Electron main: one window, the library, the IPC transport. Security settings are not negotiable:
// context isolation, sandbox, no node integration, no navigation, no new windows, no permissions.
import { app, BrowserWindow, dialog, Menu, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ParleyService } from '../service.ts';
import { casesDir, packageRoot } from '../paths.ts';
import { backupBeforeMigration, backupIfDue } from '../store/backups.ts';
import { resolveLibraryPath } from '../store/library-path.ts';
import { registerIpc } from './ipc.ts';
import { buildMenu } from './menu.ts';
import { electronNativeBinding } from './native-binding.ts';
import { loadBounds, saveBounds } from './window-state.ts';

const isDev = !app.isPackaged && Boolean(process.env.ELECTRON_RENDERER_URL);
const root = packageRoot(import.meta.dirname);
const rendererIndex = path.join(root, 'out', 'renderer', 'index.html');
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const log = (line: string) => process.stderr.write(`[parley] ${line}\n`);

app.setName('Parley');
app.setPath('userData', path.join(app.getPath('appData'), 'Parley'));

let mainWindow: BrowserWindow | null = null;

function isTrustedUrl(url: string): boolean {
  if (rendererUrl && url.startsWith(rendererUrl)) return true;
  return url.startsWith(pathToFileURL(rendererIndex).href);
}

function dbFlag(): string | undefined {
  const i = process.argv.indexOf('--db');
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function openLibrary(): Promise<ParleyService> {
  const { path: file, isDefault } = resolveLibraryPath(dbFlag());
  const nativeBinding = electronNativeBinding(root);
  await backupBeforeMigration(file, nativeBinding ? { nativeBinding } : {});
  const service = ParleyService.open(file, {
    casesDir: casesDir(root),
    onUnusable: isDefault ? 'set-aside' : 'refuse',
    ...(nativeBinding && { nativeBinding }),
  });
  // Once a day, a copy of the library (backups/ beside it); a failed copy is logged, not fatal.
  await backupIfDue(service.db, service.path).catch((err: Error) => log(`daily backup failed: ${err.message}`));
  if (service.setAside) {
    dialog.showErrorBox('Parley library set aside', `The library ${file} could not be read. It was moved to\n${service.setAside}\nand a new library was started. Nothing was deleted.`);
  }
  return service;
}

function createWindow(): BrowserWindow {
  const userData = app.getPath('userData');
  const bounds = loadBounds(userData);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Parley',
    backgroundColor: '#f7f7f5',
    webPreferences: {
      preload: path.join(root, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  const remember = () => {
    if (win.isDestroyed()) return;
    saveBounds(userData, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  };
  win.on('close', remember);

  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Source links open in the user's browser; nothing opens inside Parley.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  if (rendererUrl) void win.loadURL(rendererUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    // Exports are downloads in the page; here they open the native save dialog, named after the file.
    session.defaultSession.on('will-download', (_event, item) => {
      item.setSaveDialogOptions({ title: `Save ${item.getFilename()}`, defaultPath: path.join(app.getPath('documents'), item.getFilename()) });
    });
    let service: ParleyService;
    try {
      service = await openLibrary();
    } catch (err) {
      const hint = /NODE_MODULE_VERSION|was compiled against a different Node.js version/.test(String(err))
        ? '\n\nbetter-sqlite3 is not built for Electron. Start Parley with `npm start`, which builds it.'
        : '';
      dialog.showErrorBox('Parley cannot open its library', `${(err as Error).message}${hint}`);
      app.exit(1);
      return;
    }
    registerIpc(service, isTrustedUrl, log);
    Menu.setApplicationMenu(buildMenu(() => mainWindow, isDev));
    mainWindow = createWindow();
    mainWindow.on('closed', () => (mainWindow = null));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
    app.on('will-quit', () => service.close());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
