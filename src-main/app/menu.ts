// The native menu. File commands are forwarded to the UI, which runs the same flows as its buttons;
// Import case… first opens the native dialog here (a page may open its file chooser only on a click
// inside it, and a menu click is not one).
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { MENU_CHANNEL } from '../../src-core/api-methods.ts';

export interface MenuActions {
  getWindow: () => BrowserWindow | null;
  importCase: () => unknown;
  isDev: boolean;
}

export function buildMenu({ getWindow, importCase, isDev }: MenuActions): Menu {
  const send = (command: string) => () => getWindow()?.webContents.send(MENU_CHANNEL, command);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import case…', accelerator: 'CmdOrCtrl+O', click: () => void importCase() },
        { label: 'Export case…', accelerator: 'CmdOrCtrl+Shift+E', click: send('export-case') },
        { type: 'separator' },
        { label: 'Export chart…', click: send('export-chart') },
        { label: 'Export report…', click: send('export-report') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isDev ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'Glossary', accelerator: 'F1', click: send('glossary') },
        { type: 'separator' },
        {
          label: 'About Parley',
          click: () => {
            const win = getWindow();
            const options = {
              type: 'info' as const,
              title: 'About Parley',
              message: `Parley ${app.getVersion()}`,
              detail: 'An offline explorer for diplomatic deal scenarios: how closely each scenario matches each party’s stated demands, and which red lines it crosses.',
            };
            if (win) void dialog.showMessageBox(win, options);
            else void dialog.showMessageBox(options);
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
