// Issue 14, defects 6 and 8: `npm start`'s set-up steps (scripts/electron-setup.mjs), run against
// stand-in Electron packages and binaries in temp folders.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as setup from '../../../scripts/electron-setup.mjs';
import { REPO_ROOT, tempDir } from '../store/temp-library.ts';

const require = createRequire(import.meta.url);

function write(file: string, content: string | Buffer = ''): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** The first bytes of an executable of each kind, enough to tell its architecture. */
function standInBinary(kind: 'elf-x64' | 'elf-arm64' | 'macho-arm64' | 'macho-x64' | 'pe-x64' | 'pe-arm64'): string {
  const b = Buffer.alloc(512);
  if (kind.startsWith('elf')) {
    b.write('\x7fELF', 0, 'latin1');
    b[4] = 2; // 64-bit
    b[5] = 1; // little-endian
    b.writeUInt16LE(kind === 'elf-x64' ? 0x3e : 0xb7, 18);
  } else if (kind.startsWith('macho')) {
    b.writeUInt32LE(0xfeedfacf, 0);
    b.writeUInt32LE(kind === 'macho-x64' ? 0x01000007 : 0x0100000c, 4);
  } else {
    b.write('MZ', 0, 'latin1');
    b.writeUInt32LE(0x80, 0x3c);
    b.write('PE\0\0', 0x80, 'latin1');
    b.writeUInt16LE(kind === 'pe-x64' ? 0x8664 : 0xaa64, 0x84);
  }
  const file = path.join(tempDir(), kind);
  write(file, b);
  return file;
}

describe('copying better-sqlite3’s sources to build them for Electron', () => {
  it('copies them when the checkout itself lives under a folder named build', () => {
    const source = path.join(tempDir(), 'build', 'work', 'parley', 'node_modules', 'better-sqlite3');
    for (const f of ['package.json', 'binding.gyp', 'lib/index.js', 'src/better_sqlite3.cpp', 'deps/sqlite3/sqlite3.c', 'build/Release/better_sqlite3.node', 'build/config.gypi']) {
      write(path.join(source, f), f);
    }
    const dest = path.join(tempDir(), 'copy');
    setup.copyPackageSource(source, dest);
    for (const f of ['package.json', 'binding.gyp', 'lib/index.js', 'src/better_sqlite3.cpp', 'deps/sqlite3/sqlite3.c']) expect(fs.existsSync(path.join(dest, f)), f).toBe(true);
    expect(fs.existsSync(path.join(dest, 'build'))).toBe(false);
  });
});

describe('when Electron stops', () => {
  it('a crash from a signal is a failure, with the Ubuntu sandbox hint on Linux', () => {
    const status = setup.electronExitStatus(null, 'SIGTRAP', 'linux');
    expect(status.code).not.toBe(0);
    expect(status.message).toMatch(/SIGTRAP/);
    expect(status.message).toMatch(/AppArmor/);
    expect(status.message).toMatch(/kernel\.apparmor_restrict_unprivileged_userns/);
    expect(setup.electronExitStatus(null, 'SIGSEGV', 'darwin')).toMatchObject({ code: 1, message: expect.stringMatching(/SIGSEGV/) });
    expect(setup.electronExitStatus(null, 'SIGSEGV', 'darwin').message).not.toMatch(/AppArmor/);
  });

  it('a normal exit passes its code through', () => {
    expect(setup.electronExitStatus(0, null, 'linux')).toEqual({ code: 0 });
    expect(setup.electronExitStatus(3, null, 'linux')).toEqual({ code: 3 });
  });

  it('a real process killed by a signal is reported as such', async () => {
    const binary = path.join(tempDir(), 'electron');
    write(binary, '#!/bin/sh\nkill -TRAP $$\n');
    fs.chmodSync(binary, 0o755);
    const status = await setup.runElectron(binary, [], { stdio: 'ignore' });
    expect(status.code).not.toBe(0);
    expect(status.message).toMatch(/SIGTRAP/);
  });
});

describe('building better-sqlite3 for Electron', () => {
  it('tries a prebuilt binary for Electron’s version and its binary’s arch first, then node-gyp from the project', () => {
    const arch = setup.electronArch(standInBinary('elf-arm64'));
    const steps = setup.nativeBuildCommands({ electronVersion: '45.5.0', arch, env: { PATH: process.env.PATH } });
    expect(steps).toHaveLength(2);
    const [prebuilt, fromSource] = steps;
    expect(prebuilt!.args[0]).toBe(require.resolve('prebuild-install/bin.js'));
    expect(prebuilt!.args).toEqual(expect.arrayContaining(['--runtime=electron', '--target=45.5.0', '--arch=arm64']));
    expect(fromSource!.args[0]).toBe(require.resolve('node-gyp/bin/node-gyp.js'));
    expect(fromSource!.args).toEqual(expect.arrayContaining(['rebuild', '--runtime=electron', '--target=45.5.0', '--arch=arm64']));
  });

  it('keeps npm’s settings for Node’s ABI out of both, and its proxy in', () => {
    const env = { PATH: process.env.PATH, npm_config_target: '20.0.0', npm_config_runtime: 'node', npm_config_nodedir: '/usr/include/node', npm_config_arch: 'ia32', npm_config_https_proxy: 'http://proxy:3128' };
    for (const step of setup.nativeBuildCommands({ electronVersion: '45.5.0', arch: 'x64', env })) {
      expect(Object.keys(step.env).filter((k) => k.startsWith('npm_config_'))).toEqual(['npm_config_https_proxy']);
    }
  });

  it('reads the architecture from the Electron binary itself (an arm64 Electron under an Intel Node)', () => {
    expect(setup.electronArch(standInBinary('elf-x64'))).toBe('x64');
    expect(setup.electronArch(standInBinary('elf-arm64'))).toBe('arm64');
    expect(setup.electronArch(standInBinary('macho-arm64'))).toBe('arm64');
    expect(setup.electronArch(standInBinary('macho-x64'))).toBe('x64');
    expect(setup.electronArch(standInBinary('pe-x64'))).toBe('x64');
    expect(setup.electronArch(standInBinary('pe-arm64'))).toBe('arm64');
  });
});

describe('when the Electron download fails', () => {
  it('prints one clear message, not the downloader’s stack trace', () => {
    const electronDir = path.join(tempDir(), 'node_modules', 'electron');
    write(path.join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
    // What electron's installer prints when it cannot reach its release server.
    write(
      path.join(electronDir, 'install.js'),
      "const e = new TypeError('fetch failed'); e.cause = 'getaddrinfo ENOTFOUND github.com'; console.error(e.stack); process.exit(1);",
    );
    const script = `import('${path.join(REPO_ROOT, 'scripts', 'electron-setup.mjs').replaceAll('\\', '/')}').then((m) => { try { m.ensureElectronBinary(${JSON.stringify(electronDir)}, '45.5.0'); } catch (e) { console.error('parley: ' + e.message); process.exitCode = 1; } });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Electron 45\.5\.0 could not be downloaded/);
    expect(r.stderr).toMatch(/npm run web/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout + r.stderr).not.toMatch(/TypeError: fetch failed\n/);
  });
});

describe('which Node the desktop app needs (defect 8)', () => {
  it('notes when Node is older than Electron’s installer supports, naming both versions and the way out', () => {
    const electronDir = path.dirname(require.resolve('electron/package.json'));
    const wanted = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).engines.node as string;
    expect(wanted).toMatch(/22\.12/);
    const note = setup.desktopNodeNote('20.20.2', electronDir);
    expect(note).toMatch(/20\.20\.2/);
    expect(note).toMatch(/22\.12/);
    expect(note).toMatch(/npm run web/);
    expect(setup.desktopNodeNote('22.12.0', electronDir)).toBeNull();
    expect(setup.desktopNodeNote('24.3.1', electronDir)).toBeNull();
  });

  it('the CLI and browser mode still declare and run on Node 20', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.engines.node).toBe('>=20.19');
    expect(execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'parley.js'), '--help'], { encoding: 'utf8' })).toMatch(/parley/);
  });
});
