// `npm run dist:check`: runs electron-builder for real, with this repository's electron-builder.json,
// but as far as it can go without the internet: the unpacked app (`--dir`) of this OS, on a stand-in
// Electron distribution (electronDist) instead of a downloaded one, and with a stand-in for
// better-sqlite3's Electron build. Then it checks what landed in app.asar and what was unpacked beside it.
// The installers themselves (AppImage, deb, dmg, NSIS) and a real Electron are out of its reach.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, nativeBindingFile } from './electron-setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-packaging-'));
const problems = [];
const expect = (ok, what) => ok || problems.push(what);

try {
  buildApp(root);
  // A project copy, so the stand-in native module never lands in the real .parley-native/.
  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  for (const name of ['package.json', 'electron-builder.json', 'packaging', 'out', 'data']) fs.cpSync(path.join(root, name), path.join(project, name), { recursive: true });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'junction');
  const native = nativeBindingFile(project, electronVersion, process.platform, process.arch);
  fs.mkdirSync(path.dirname(native), { recursive: true });
  fs.copyFileSync(require.resolve('better-sqlite3/build/Release/better_sqlite3.node'), native);

  // What electron-builder copies from an unpacked Electron: the executable and its resources folder.
  const dist = path.join(work, 'electron-dist');
  const exe = { win32: 'electron.exe', darwin: 'Electron.app' }[process.platform] ?? 'electron';
  fs.mkdirSync(path.join(dist, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(dist, exe), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dist, 'version'), electronVersion);

  const cli = path.join(path.dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  const out = path.join(work, 'out');
  const started = performance.now();
  const r = spawnSync(process.execPath, [cli, '--dir', '--config', 'electron-builder.json', '--publish', 'never', `-c.electronDist=${dist}`, `-c.directories.output=${out}`], {
    cwd: project,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`electron-builder failed:\n${r.stdout}${r.stderr}`);
  const seconds = (performance.now() - started) / 1000;

  const unpackedDir = fs.readdirSync(out).find((d) => d.endsWith('-unpacked'));
  const resources = path.join(out, unpackedDir ?? '', 'resources');
  const asar = require('@electron/asar');
  const files = new Set(asar.listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/').replace(/^\//, '')));
  const unpacked = fs.existsSync(path.join(resources, 'app.asar.unpacked')) ? fs.readdirSync(path.join(resources, 'app.asar.unpacked'), { recursive: true }).map((f) => String(f).replaceAll('\\', '/')) : [];
  const nativeRel = path.relative(project, native).replaceAll('\\', '/');

  for (const f of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'data/cases/ukraine-talks-2025-08.json', 'node_modules/better-sqlite3/lib/index.js']) {
    expect(files.has(f), `app.asar lacks ${f}`);
  }
  expect(unpacked.includes(nativeRel), `better-sqlite3 for Electron is not unpacked beside app.asar (${nativeRel})`);
  expect(unpacked.some((f) => f.startsWith('node_modules/@resvg/') && f.endsWith('.node')), 'resvg’s native module is not unpacked');
  for (const f of files) {
    expect(!f.endsWith('.map'), `a source map is packed: ${f}`);
    expect(!/^node_modules\/better-sqlite3\/(build|deps|src)\//.test(f), `better-sqlite3’s Node build or sources are packed: ${f}`);
    expect(!/^(src-core|src-main|src-renderer|tests|scripts)\//.test(f), `a source or test file is packed: ${f}`);
  }
  const size = fs.statSync(path.join(resources, 'app.asar')).size;
  if (problems.length) {
    for (const p of problems.slice(0, 20)) process.stderr.write(`packaging: ${p}\n`);
    process.stderr.write(`packaging check FAILED (${problems.length} problems)\n`);
    process.exitCode = 1;
  } else {
    console.log(
      `packaging check ok: electron-builder --dir (${process.platform}-${process.arch}, stand-in Electron ${electronVersion}) in ${seconds.toFixed(0)} s; ` +
        `app.asar ${(size / 2 ** 20).toFixed(1)} MB, ${files.size} entries; unpacked: ${unpacked.filter((f) => f.endsWith('.node')).join(', ')}`,
    );
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
