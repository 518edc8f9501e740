// Electron main: one window, the library, the IPC transport. Security settings are not negotiable:
// context isolation, sandbox, no node integration, no navigation, no new windows, no permissions.
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import path from 'node:path';
import { MENU_CHANNEL } from '../../src-core/api-methods.ts';
import { ParleyService } from '../service.ts';
import { casesDir } from '../paths.ts';
import { backupBeforeMigration, backupIfDue } from '../store/backups.ts';
import { resolveLibraryPath } from '../store/library-path.ts';
import { CASE_FILE_FILTERS, readCaseFile } from './case-files.ts';
import { registerIpc } from './ipc.ts';
import { parseLaunchArgs } from './launch-args.ts';
import { buildMenu } from './menu.ts';
import { electronNativeBinding } from './native-binding.ts';
import { isRendererUrl, rendererPage } from './renderer-page.ts';
import { createMainWindow, lockDown } from './window.ts';

const launch = parseLaunchArgs(process.argv);
// The app's folder: the repository in development, resources/app.asar when packaged.
const root = app.getAppPath();
const page = rendererPage(root, app.isPackaged, process.env.ELECTRON_RENDERER_URL);
const log = (line: string) => process.stderr.write(`[parley] ${line}\n`);

app.setName('Parley');
app.setPath('userData', launch.userDataDir ?? path.join(app.getPath('appData'), 'Parley'));

let mainWindow: BrowserWindow | null = null;
let started = false;
/** Case files handed over before the window exists (a double-click that launched Parley). */
const pendingCaseFiles = [...launch.caseFiles];

async function openLibrary(): Promise<ParleyService> {
  const { path: file, isDefault } = resolveLibraryPath(launch.db);
  const nativeBinding = electronNativeBinding(root);
  await backupBeforeMigration(file, nativeBinding ? { nativeBinding } : {});
  const service = ParleyService.open(file, {
    casesDir: casesDir(root),
    onUnusable: isDefault ? 'set-aside' : 'refuse',
    ...(nativeBinding && { nativeBinding }),
  });
  if (service.setAside) {
    dialog.showErrorBox('Parley library set aside', `The library ${file} could not be read. It was moved to\n${service.setAside}\nand a new library was started. Nothing was deleted.`);
  }
  return service;
}

/** The main window, brought forward; made (and tracked until it closes) when there is none. */
function showMainWindow(): BrowserWindow {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    return mainWindow;
  }
  const win = createMainWindow({ page, preload: path.join(root, 'out', 'preload', 'index.cjs'), userData: app.getPath('userData') });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  return win;
}

/** Hands a case file to the page, which imports it through the api like any other import. */
async function openCaseFile(file: string): Promise<void> {
  const win = showMainWindow();
  try {
    const content = await readCaseFile(file);
    if (win.isDestroyed()) return;
    const send = () => win.webContents.send(MENU_CHANNEL, 'import-case', content);
    if (win.webContents.isLoading()) win.webContents.once('did-finish-load', send);
    else send();
  } catch (err) {
    if (win.isDestroyed()) return;
    await dialog.showMessageBox(win, { type: 'error', message: `Parley could not open ${path.basename(file)}`, detail: `${(err as Error).message}\n\n${file}` });
  }
}

async function importFromDialog(): Promise<void> {
  const win = showMainWindow();
  const choice = await dialog.showOpenDialog(win, { title: 'Import a case file', properties: ['openFile'], filters: CASE_FILE_FILTERS });
  const [file] = choice.filePaths;
  if (!choice.canceled && file) await openCaseFile(file);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv: string[], workingDirectory: string) => {
    if (!started) return;
    const files = parseLaunchArgs(argv, workingDirectory).caseFiles;
    if (files.length === 0) showMainWindow();
    for (const file of files) void openCaseFile(file);
  });

  // macOS hands over double-clicked files with this event, possibly before the app is ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (started) void openCaseFile(file);
    else pendingCaseFiles.push(file);
  });

  app.on('web-contents-created', (_event, contents) => lockDown(contents, page));

  app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    // Exports are downloads in the page; here they open the native save dialog, named after the file.
    session.defaultSession.on('will-download', (_event, item) => {
      item.setSaveDialogOptions({ title: `Save ${item.getFilename()}`, defaultPath: path.join(app.getPath('documents'), item.getFilename()) });
    });
    let service: ParleyService;
    try {
      service = await openLibrary();
    } catch (err) {
      const nativeModule = /NODE_MODULE_VERSION|was compiled against a different Node.js version|Could not locate the bindings file/.test(String(err));
      const hint = !nativeModule
        ? ''
        : app.isPackaged
          ? '\n\nThis copy of Parley lacks its database module for Electron. Please reinstall Parley.'
          : '\n\nbetter-sqlite3 is not built for Electron. Start Parley with `npm start`, which builds it.';
      dialog.showErrorBox('Parley cannot open its library', `${(err as Error).message}${hint}`);
      app.exit(1);
      return;
    }
    registerIpc(service, (url) => isRendererUrl(url, page), log);
    Menu.setApplicationMenu(buildMenu({ getWindow: () => mainWindow, importCase: importFromDialog, isDev: page.kind === 'dev-server' }));
    showMainWindow();
    started = true;
    for (const file of pendingCaseFiles.splice(0)) void openCaseFile(file);
    app.on('activate', () => showMainWindow());
    app.on('will-quit', () => service.close());
    // Once a day, a copy of the library (backups/ beside it), made while the window opens: a failed copy is
    // logged, not fatal; one cut short by quitting is simply not made (tomorrow's start tries again).
    void backupIfDue(service.db, service.path).catch((err: Error) => service.db.open && log(`daily backup failed: ${err.message}`));
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
