// Packaging (electron-builder.json, `npm run dist`): what can be checked without downloading Electron.
// electron-builder's own validator and file matcher judge the configuration; the packaged app's way of
// finding better-sqlite3 for Electron runs on the stand-in. `npm run dist:check` goes further (a real
// electron-builder --dir run on a stand-in Electron) but takes a minute, so it is not part of npm test.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { distArchs } from '../../../scripts/dist.mjs';
import { electronNativeBinding, unpackedPath } from '../../../src-main/app/native-binding.ts';
import { REPO_ROOT, tempDir } from '../store/temp-library.ts';
import { loadPreload, onlyWindow, startMain } from './load-app.ts';

const require = createRequire(import.meta.url);
const config = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.json'), 'utf8'));
const electronVersion: string = require('electron/package.json').version;

type Matcher = { createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean };
const { getFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getFileMatchers(c: unknown, name: string, to: string, o: object): Matcher[] | null;
};
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, logger: unknown): Promise<void> };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

/** electron-builder's own verdict on whether a project file is packed (files) or unpacked (asarUnpack) for a platform. */
function ruleFor(name: 'files' | 'asarUnpack', platform: string, arch: string) {
  const expand = (p: string) => p.replaceAll('${platform}', platform).replaceAll('${arch}', arch);
  const [matcher] = getFileMatchers(config, name, '/app', { macroExpander: expand, customBuildOptions: {}, globalOutDir: path.join(REPO_ROOT, 'dist'), defaultSrc: REPO_ROOT })!;
  const filter = matcher!.createFilter();
  return (file: string) => filter(path.join(REPO_ROOT, file), { isDirectory: () => false });
}

describe('electron-builder.json', () => {
  it('passes electron-builder’s own validation (which does refuse a misspelt option)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, fileAssociation: [] }, new DebugLogger(false))).rejects.toThrow(/unknown property 'fileAssociation'/);
  });

  it('makes AppImage and .deb on Linux, a .dmg on macOS and an NSIS installer on Windows, named Parley', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.productName).toBe('Parley');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
  });

  it('opens .parley.json case files', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'parley.json', name: 'Parley case', mimeType: 'application/x-parley-case+json' })]);
  });

  it('has an icon of 512×512 pixels for every platform', () => {
    const png = fs.readFileSync(path.join(REPO_ROOT, 'packaging', 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    for (const os of ['linux', 'mac', 'win']) expect(config[os].icon, os).toBe('packaging/icon.png');
    expect(fs.existsSync(path.join(REPO_ROOT, 'packaging', 'icon.svg'))).toBe(true);
  });
});

describe('what is packed, and what is unpacked beside app.asar', () => {
  for (const [platform, arch] of [['linux', 'x64'], ['darwin', 'arm64'], ['win32', 'x64']] as const) {
    it(`on ${platform}-${arch}: the app, and better-sqlite3 for this platform’s Electron, unpacked`, () => {
      const packed = ruleFor('files', platform, arch);
      const unpacked = ruleFor('asarUnpack', platform, arch);
      const native = `.parley-native/electron-${electronVersion}-${platform}-${arch}/better_sqlite3.node`;
      for (const f of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'data/cases/ukraine-talks-2025-08.json', native]) expect(packed(f), f).toBe(true);
      expect(unpacked(native)).toBe(true);
      const otherArch = `.parley-native/electron-${electronVersion}-${platform}-${arch === 'x64' ? 'arm64' : 'x64'}/better_sqlite3.node`;
      for (const f of [otherArch, 'out/main/index.js.map', 'src-main/app/main.ts', 'tests/unit/electron/stand-in.ts', 'scripts/dist.mjs']) expect(packed(f), f).toBe(false);
    });
  }

  it('leaves better-sqlite3’s Node build and sources out, and rebuilds nothing in node_modules', () => {
    expect(config.files).toContain('!node_modules/better-sqlite3/{build,deps,src}/**');
    expect(config.npmRebuild).toBe(false); // scripts/dist.mjs provides the Electron build; npm test keeps its Node build
  });

  it('dist builds better-sqlite3 for each architecture it packages', () => {
    expect(distArchs([], 'x64')).toEqual(['x64']);
    expect(distArchs(['--linux', '--arm64'], 'x64')).toEqual(['arm64']);
    expect(distArchs(['--x64', '--arm64'], 'arm64')).toEqual(['x64', 'arm64']);
    expect(() => distArchs(['--universal'])).toThrow(/universal/);
  });
});

describe('the packaged app finds better-sqlite3 for Electron', () => {
  const saved = process.versions.electron;
  afterEach(() => {
    if (saved === undefined) delete (process.versions as Record<string, string | undefined>).electron;
  });

  /** resources/app.asar (a folder here) with what main reads, and app.asar.unpacked with the native module. */
  function packagedLayout(): { appPath: string; native: string } {
    const resources = path.join(tempDir(), 'Parley', 'resources');
    const appPath = path.join(resources, 'app.asar');
    fs.mkdirSync(appPath, { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, 'data'), path.join(appPath, 'data'));
    const native = path.join(resources, 'app.asar.unpacked', '.parley-native', `electron-${electronVersion}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(native), { recursive: true });
    // The Node build stands in for the Electron one: under the stand-in, main runs in Node.
    fs.copyFileSync(require.resolve('better-sqlite3/build/Release/better_sqlite3.node'), native);
    return { appPath, native };
  }

  it('a path inside app.asar maps to its unpacked copy; other paths stay as they are', () => {
    expect(unpackedPath('/opt/Parley/resources/app.asar/.parley-native/x.node')).toBe('/opt/Parley/resources/app.asar.unpacked/.parley-native/x.node');
    expect(unpackedPath('C:\\Program Files\\Parley\\resources\\app.asar\\x.node')).toBe('C:\\Program Files\\Parley\\resources\\app.asar.unpacked\\x.node');
    expect(unpackedPath('/home/me/parley/.parley-native/x.node')).toBe('/home/me/parley/.parley-native/x.node');
    expect(unpackedPath('/home/me/app.asar.unpacked/x.node')).toBe('/home/me/app.asar.unpacked/x.node');
  });

  it('from the unpacked folder, and the app opens its library with it', async () => {
    const { appPath, native } = packagedLayout();
    Object.defineProperty(process.versions, 'electron', { value: electronVersion, configurable: true });
    expect(electronNativeBinding(appPath)).toBe(native);

    const { electron } = await startMain({ appPath, isPackaged: true });
    expect(onlyWindow(electron).options.webPreferences).toMatchObject({ preload: path.join(appPath, 'out', 'preload', 'index.cjs') });
    const parley = await loadPreload(electron);
    await expect((parley.listCases as (i: object) => Promise<unknown>)({})).resolves.toMatchObject({ ok: true });
    expect(Object.keys(require.cache)).toContain(native);
  });
});
