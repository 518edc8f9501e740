// A stand-in for the `electron` module: Electron cannot be launched here, so the main-process and
// preload code is loaded against this instead (see load-app.ts). It copies Electron 45's behaviour
// where Parley depends on it, not its whole surface:
// - contextBridge copies values between the preload and the page: functions and promises are proxied,
//   everything else is copied, prototypes are dropped, and a thrown or rejected Error reaches the page as
//   a plain Error with its message only (electron/electron#25596); see crossing.ts;
// - ipcRenderer.invoke structured-clones its arguments and the reply, and ipcMain handlers get an event
//   whose senderFrame carries the URL of the frame that sent it;
// - loadFile builds its URL as Electron does (legacy url.format), canonicalised as Chromium does;
// - a destroyed window throws "Object has been destroyed" from its methods; `screen` needs a ready app;
// - session permissions are granted unless a handler says otherwise (Electron's default).
// Everything else a test may want to check is recorded in `calls`.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { bridged, electronFileUrl, ipcClone, PreventableEvent } from './crossing.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Display {
  id: number;
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
}

export interface StandInOptions {
  /** app.getAppPath(): the repository in development, resources/app.asar when packaged. */
  appPath: string;
  /** app.getPath('appData'). */
  appData: string;
  isPackaged?: boolean;
  version?: string;
  displays?: Display[];
  /** What app.requestSingleInstanceLock() answers. */
  singleInstance?: boolean;
  /** Runs while a page loads, before 'did-finish-load': where the preload and the page's own script run. */
  onPageLoad?: (contents: { id: number; url: string }) => Promise<void> | void;
}

export interface Call {
  api: string;
  args: unknown[];
}

export interface OpenDialogAnswer {
  canceled: boolean;
  filePaths: string[];
}

type Listener = (...args: unknown[]) => unknown;
type WindowOpenHandler = (details: { url: string; frameName: string; features: string; disposition: string }) => { action: 'allow' | 'deny' };
type PermissionRequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (wc: unknown, permission: string, origin: string, details: unknown) => boolean;

export const display = (id: number, x: number, y: number, width: number, height: number, menuBar = 0): Display => ({
  id,
  bounds: { x, y, width, height },
  workArea: { x, y: y + menuBar, width, height: height - menuBar },
  scaleFactor: 1,
});

export type StandIn = ReturnType<typeof createElectron>;

export function createElectron(options: StandInOptions) {
  const calls: Call[] = [];
  const record = (api: string, ...args: unknown[]) => void calls.push({ api, args });
  const displays = options.displays ?? [display(1, 0, 0, 1920, 1080)];
  let ready = false;
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

  // ---- app ----
  const paths: Record<string, string> = {
    appData: options.appData,
    userData: path.join(options.appData, 'Electron'),
    documents: path.join(options.appData, '..', 'Documents'),
    home: path.join(options.appData, '..'),
    temp: path.join(options.appData, '..', 'tmp'),
  };
  class App extends EventEmitter {
    isPackaged = options.isPackaged ?? false;
    name = 'Electron';
    getAppPath = () => options.appPath;
    getPath = (name: string) => {
      const p = paths[name];
      if (!p) throw new Error(`Failed to get '${name}' path`);
      return p;
    };
    setPath = (name: string, p: string) => {
      record('app.setPath', name, p);
      if (!path.isAbsolute(p)) throw new Error(`Path must be absolute: ${p}`);
      paths[name] = p;
    };
    setName = (name: string) => {
      record('app.setName', name);
      this.name = name;
    };
    getName = () => this.name;
    getVersion = () => options.version ?? '0.1.0';
    requestSingleInstanceLock = () => {
      record('app.requestSingleInstanceLock');
      return options.singleInstance ?? true;
    };
    quit = () => record('app.quit');
    exit = (code = 0) => record('app.exit', code);
    focus = () => record('app.focus');
    isReady = () => ready;
    whenReady = () => readyPromise;
  }
  const app = new App();

  // ---- screen ----
  const needsReady = (api: string) => {
    if (!ready) throw new Error(`The 'screen' module can't be used before the app 'ready' event`);
    record(api);
  };
  const screen = {
    getAllDisplays: () => (needsReady('screen.getAllDisplays'), structuredClone(displays)),
    getPrimaryDisplay: () => (needsReady('screen.getPrimaryDisplay'), structuredClone(displays[0]!)),
  };

  // ---- session ----
  class Session extends EventEmitter {
    permissionRequestHandler: PermissionRequestHandler | null = null;
    permissionCheckHandler: PermissionCheckHandler | null = null;
    setPermissionRequestHandler = (h: PermissionRequestHandler | null) => (record('session.setPermissionRequestHandler'), (this.permissionRequestHandler = h));
    setPermissionCheckHandler = (h: PermissionCheckHandler | null) => (record('session.setPermissionCheckHandler'), (this.permissionCheckHandler = h));
    /** What Chromium does when a page asks for a permission (e.g. the camera): granted unless a handler refuses. */
    requestPermission(wc: unknown, permission: string, details: Record<string, unknown> = {}): Promise<boolean> {
      const handler = this.permissionRequestHandler;
      if (!handler) return Promise.resolve(true);
      return new Promise((resolve) => handler(wc, permission, resolve, { requestingUrl: '', ...details }));
    }
    /** What Chromium does when a page checks a permission synchronously (e.g. navigator.permissions). */
    checkPermission(wc: unknown, permission: string, origin: string): boolean {
      return this.permissionCheckHandler ? this.permissionCheckHandler(wc, permission, origin, {}) : true;
    }
  }
  const defaultSession = new Session();
  const session = { defaultSession };

  // ---- the page side: the preload's world and the page's own ----
  /** window.* of the page, as far as the preload's contextBridge puts things there. */
  const world: Record<string, unknown> = {};
  const rendererListeners = new Map<string, Set<Listener>>();
  const handlers = new Map<string, Listener>();

  // ---- windows ----
  let nextId = 1;
  const windows: BrowserWindow[] = [];
  class WebContents extends EventEmitter {
    readonly id = nextId++;
    readonly session = defaultSession;
    url = '';
    loading = false;
    destroyed = false;
    windowOpenHandler: WindowOpenHandler | null = null;
    private alive() {
      if (this.destroyed) throw new TypeError('Object has been destroyed');
    }
    isDestroyed = () => this.destroyed;
    isLoading = () => (this.alive(), this.loading);
    getURL = () => (this.alive(), this.url);
    loadURL = (to: string) => {
      this.alive();
      record('webContents.loadURL', to);
      this.url = new URL(to).href;
      this.loading = true;
      setImmediate(async () => {
        await options.onPageLoad?.(this);
        this.loading = false;
        if (!this.destroyed) this.emit('did-finish-load');
      });
      return Promise.resolve();
    };
    loadFile = (file: string) => {
      this.alive();
      const full = path.resolve(app.getAppPath(), file);
      record('webContents.loadFile', full);
      return this.loadURL(electronFileUrl(full));
    };
    send = (channel: string, ...args: unknown[]) => {
      this.alive();
      record('webContents.send', channel, ...args);
      const copy = ipcClone(args);
      for (const l of rendererListeners.get(channel) ?? []) l({ sender: ipcRenderer, senderId: 0 }, ...copy);
    };
    setWindowOpenHandler = (h: WindowOpenHandler) => (this.alive(), (this.windowOpenHandler = h));
    /** What Chromium does on window.open, a target=_blank link or a middle click: ask the handler (allowed without one). */
    openWindow(to: string, disposition = 'new-window'): { action: 'allow' | 'deny' } {
      this.alive();
      return this.windowOpenHandler ? this.windowOpenHandler({ url: to, frameName: '', features: '', disposition }) : { action: 'allow' };
    }
    /** What Chromium does before the page navigates itself: emit will-navigate; the page moves unless it is prevented. */
    navigate(to: string): boolean {
      this.alive();
      const event = Object.assign(new PreventableEvent(), { url: to, isMainFrame: true });
      this.emit('will-navigate', event, to);
      if (event.defaultPrevented) return false;
      this.url = new URL(to).href;
      return true;
    }
    destroy() {
      this.destroyed = true;
      this.emit('destroyed');
    }
  }

  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => [...windows];
    static getFocusedWindow = () => windows.find((w) => w.focused) ?? null;
    readonly options: Record<string, unknown>;
    readonly webContents = new WebContents();
    private destroyed = false;
    private bounds: Rect;
    private maximized = false;
    private minimized = false;
    visible: boolean;
    focused = false;
    constructor(opts: Record<string, unknown> = {}) {
      super();
      record('new BrowserWindow', opts);
      this.options = opts;
      app.emit('web-contents-created', {}, this.webContents);
      const width = Number(opts.width ?? 800);
      const height = Number(opts.height ?? 600);
      // Without a position, Electron centres the window on the primary display.
      const area = displays[0]!.workArea;
      const x = typeof opts.x === 'number' ? opts.x : Math.round(area.x + (area.width - width) / 2);
      const y = typeof opts.y === 'number' ? opts.y : Math.round(area.y + (area.height - height) / 2);
      this.bounds = { x, y, width, height };
      this.visible = opts.show !== false;
      windows.push(this);
    }
    private alive() {
      if (this.destroyed) throw new TypeError('Object has been destroyed');
    }
    isDestroyed = () => this.destroyed;
    loadURL = (to: string) => (this.alive(), this.webContents.loadURL(to));
    loadFile = (file: string) => (this.alive(), this.webContents.loadFile(file));
    show = () => (this.alive(), (this.visible = true));
    isVisible = () => (this.alive(), this.visible);
    focus = () => {
      this.alive();
      for (const w of windows) w.focused = false;
      this.focused = true;
    };
    maximize = () => (this.alive(), (this.maximized = true));
    isMaximized = () => (this.alive(), this.maximized);
    minimize = () => (this.alive(), (this.minimized = true));
    isMinimized = () => (this.alive(), this.minimized);
    restore = () => (this.alive(), (this.minimized = false), (this.maximized = false));
    getBounds = () => (this.alive(), { ...this.bounds });
    getNormalBounds = () => (this.alive(), { ...this.bounds });
    setBounds = (b: Partial<Rect>) => (this.alive(), (this.bounds = { ...this.bounds, ...b }));
    /** The user closes the window: 'close' (preventable), then it is destroyed. */
    close = () => {
      this.alive();
      const event = new PreventableEvent();
      this.emit('close', event);
      if (!event.defaultPrevented) this.destroy();
    };
    destroy = () => {
      if (this.destroyed) return;
      this.destroyed = true;
      windows.splice(windows.indexOf(this), 1);
      this.webContents.destroy();
      this.emit('closed');
      if (windows.length === 0) app.emit('window-all-closed');
    };
  }

  // ---- IPC ----
  const ipcMain = {
    handle(channel: string, handler: Listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
    /** Channels with a handler: what the main process answers. */
    channels: () => [...handlers.keys()],
  };

  /** The webContents the preload runs in: the most recent live window's. */
  const currentPage = () => {
    const win = windows.at(-1);
    if (!win) throw new Error('no window: the preload runs in a window');
    return win.webContents;
  };

  /** ipcRenderer.invoke, from a frame of the given URL (the top frame of the current window by default). */
  async function invokeFrom(frameUrl: string | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = handlers.get(channel);
    const sent = ipcClone(args);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const sender = currentPage();
    const event = { sender, senderFrame: frameUrl === null ? null : { url: frameUrl, origin: new URL(frameUrl).origin }, processId: 1, frameId: 1 };
    try {
      return ipcClone(await handler(event, ...sent));
    } catch (err) {
      throw new Error(`Error invoking remote method '${channel}': ${String(err)}`);
    }
  }

  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => invokeFrom(currentPage().url, channel, ...args),
    on(channel: string, listener: Listener) {
      if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set());
      rendererListeners.get(channel)!.add(listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      rendererListeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };

  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (key in world) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
      world[key] = bridged(api);
    },
  };

  // ---- dialogs, shell, menus ----
  const openAnswers: OpenDialogAnswer[] = [];
  const windowArg = (args: unknown[]) => {
    const [first] = args;
    if (first instanceof BrowserWindow) {
      if (first.isDestroyed()) throw new TypeError('Object has been destroyed');
      return args.slice(1);
    }
    return args;
  };
  const dialog = {
    showOpenDialog: (...args: unknown[]) => {
      windowArg(args);
      record('dialog.showOpenDialog', ...args);
      return Promise.resolve(openAnswers.shift() ?? { canceled: true, filePaths: [] });
    },
    showMessageBox: (...args: unknown[]) => {
      windowArg(args);
      record('dialog.showMessageBox', ...args);
      return Promise.resolve({ response: 0, checkboxChecked: false });
    },
    showErrorBox: (title: string, content: string) => record('dialog.showErrorBox', title, content),
  };
  const shell = {
    openExternal: (to: string) => (record('shell.openExternal', to), Promise.resolve()),
  };

  interface MenuItem {
    label?: string;
    role?: string;
    type?: string;
    accelerator?: string;
    click?: (item: MenuItem, win: BrowserWindow | null, event: unknown) => unknown;
    submenu?: MenuItem[];
  }
  let applicationMenu: Menu | null = null;
  class Menu {
    constructor(readonly items: MenuItem[]) {}
    static buildFromTemplate = (template: MenuItem[]) => (record('Menu.buildFromTemplate', template), new Menu(template));
    static setApplicationMenu = (menu: Menu | null) => (record('Menu.setApplicationMenu', menu), (applicationMenu = menu));
    static getApplicationMenu = () => applicationMenu;
  }

  const module = { app, BrowserWindow, contextBridge, dialog, ipcMain, ipcRenderer, Menu, screen, session, shell };

  return {
    /** What `import … from 'electron'` gives the code under test. */
    module,
    app,
    BrowserWindow,
    ipcMain,
    session: defaultSession,
    calls,
    callsTo: (api: string) => calls.filter((c) => c.api === api).map((c) => c.args),
    /** The page's window object, as far as contextBridge exposes things on it. */
    world,
    invokeFrom,
    windows: () => [...windows],
    /** The next answers of dialog.showOpenDialog (cancelled when there is none). */
    openAnswers,
    /** Runs the app's start-up: 'will-finish-launching', then 'ready', then lets whenReady() handlers run. */
    async start() {
      app.emit('will-finish-launching');
      // Chromium writes its profile into the user-data folder as it starts, so the folder exists once ready.
      fs.mkdirSync(paths.userData!, { recursive: true });
      ready = true;
      app.emit('ready', {}, {});
      resolveReady();
      await settle();
    },
    /** Clicks a menu item of the application menu by its labels, e.g. ('&File', 'Import case…'). */
    async clickMenu(...labels: string[]) {
      let items = applicationMenu?.items ?? [];
      let item: MenuItem | undefined;
      for (const label of labels) {
        item = items.find((i) => i.label === label);
        if (!item) throw new Error(`no menu item "${label}" in [${items.map((i) => i.label ?? i.role).join(', ')}]`);
        items = item.submenu ?? [];
      }
      await item!.click?.(item!, BrowserWindow.getFocusedWindow(), {});
      await settle();
    },
    /** The app quits: 'before-quit', 'will-quit', 'quit'. */
    quit() {
      app.emit('before-quit', new PreventableEvent());
      app.emit('will-quit', new PreventableEvent());
      app.emit('quit', new PreventableEvent(), 0);
    },
  };
}

/** Lets pending promise callbacks and timers of the code under test run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
