// The desktop app's security settings (DESIGN.md §8, issue 11 point 5), checked on the real main
// process running against the stand-in electron module.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/server/http-server.ts';
import { REPO_ROOT } from '../store/temp-library.ts';
import { onlyWindow, startMain } from './load-app.ts';
import { electronFileUrl } from './crossing.ts';

const ownPage = electronFileUrl(path.join(REPO_ROOT, 'out', 'renderer', 'index.html'));

describe('the window', () => {
  it('isolates the page from Node and Electron', async () => {
    const { electron } = await startMain();
    const prefs = onlyWindow(electron).options.webPreferences as Record<string, unknown>;
    expect(prefs).toEqual({
      preload: path.join(REPO_ROOT, 'out', 'preload', 'index.cjs'), // CommonJS: a sandboxed preload cannot be an ES module
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
    });
  });

  it('refuses to navigate anywhere but Parley’s own page', async () => {
    const { electron } = await startMain();
    const contents = onlyWindow(electron).webContents;
    for (const to of ['https://example.com/', 'http://127.0.0.1:5178/', 'file:///etc/passwd', `${ownPage}.html`, 'data:text/html,hi', 'javascript:alert(1)']) {
      expect(contents.navigate(to), to).toBe(false);
    }
    expect(contents.navigate(`${ownPage}#compare`)).toBe(true);
  });

  it('opens no new windows; web links go to the browser, nothing else goes anywhere', async () => {
    const { electron } = await startMain();
    const contents = onlyWindow(electron).webContents;
    const tries = ['https://www.reuters.com/world/a?b=1', 'http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:privacy', 'not a url'];
    for (const to of tries) expect(contents.openWindow(to), to).toEqual({ action: 'deny' });
    expect(contents.openWindow('https://example.com/middle', 'background-tab')).toEqual({ action: 'deny' }); // a middle click
    expect(electron.callsTo('shell.openExternal')).toEqual([['https://www.reuters.com/world/a?b=1'], ['http://example.org/'], ['https://example.com/middle']]);
  });

  it('refuses every permission a page may ask for, by request or by check', async () => {
    const { electron } = await startMain();
    const contents = onlyWindow(electron).webContents;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'hid', 'serial']) {
      await expect(electron.session.requestPermission(contents, permission), permission).resolves.toBe(false);
      expect(electron.session.checkPermission(contents, permission, 'file://'), permission).toBe(false);
    }
  });

  it('refuses webviews, and locks down any other web contents too', async () => {
    const { electron } = await startMain();
    const other = new electron.BrowserWindow({});
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    other.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
    expect(other.webContents.navigate('https://example.com/')).toBe(false);
    expect(other.webContents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
  });
});

describe('IPC', () => {
  it('answers only Parley’s own page: other frames are refused and change nothing', async () => {
    const { electron, log } = await startMain();
    const before = await electron.invokeFrom(ownPage, 'parley:listCases', {});
    expect(before).toMatchObject({ ok: true });
    const content = fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'cli-small-case.json'), 'utf8');
    for (const frame of ['https://evil.example/', 'file:///tmp/index.html', 'about:blank', 'data:text/html,x', null]) {
      const reply = await electron.invokeFrom(frame, 'parley:importCase', { content, replace: true });
      expect(reply, String(frame)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'refused: the request did not come from Parley' } });
    }
    expect(await electron.invokeFrom(ownPage, 'parley:listCases', {})).toEqual(before);
    expect(log.join('')).toMatch(/refused importCase from untrusted frame https:\/\/evil\.example\//);
  });

  it('registers one handler per api method and nothing else', async () => {
    const { electron } = await startMain();
    const { API_METHOD_NAMES } = await import('../../../src-core/api-methods.ts');
    expect(electron.ipcMain.channels().sort()).toEqual(API_METHOD_NAMES.map((m) => `parley:${m}`).sort());
  });
});

/** The directives of a CSP, each with its sources. */
function parseCsp(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

describe('the page’s Content Security Policy', () => {
  const html = fs.readFileSync(path.join(REPO_ROOT, 'src-renderer', 'index.html'), 'utf8');
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  const csp = parseCsp(metas[0]?.[1] ?? '');

  it('is declared once, in the page itself (Electron serves file: pages without headers)', () => {
    expect(metas).toHaveLength(1);
  });

  it('runs only the app’s own scripts: no eval, no inline or remote scripts', () => {
    const scripts = csp.get('script-src') ?? csp.get('default-src');
    expect(scripts).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    for (const [name, sources] of csp) {
      for (const s of sources) {
        expect(s, `${name} ${s}`).not.toMatch(/^'unsafe-(eval|inline|hashes)'$|^'wasm-unsafe-eval'$|^\*|^https?:|^ws/);
      }
    }
  });

  it('shuts the doors a page does not need', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('is the same policy browser mode sends (which adds frame-ancestors, a header-only directive)', () => {
    const header = parseCsp(CONTENT_SECURITY_POLICY);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    header.delete('frame-ancestors');
    expect(header).toEqual(csp);
  });
});
