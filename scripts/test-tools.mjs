// Finds, and where it can installs, what `npm test` needs beyond node_modules: a Chromium for the
// end-to-end tests, and the independent checkers of exported files (pdfinfo/pdftotext from
// poppler-utils, rsvg-convert from librsvg2-bin) with the DejaVu fonts the PDF export embeds.
// Run as `pretest`; also imported by playwright.config.ts so both agree on the browser.
//
// Order for the browser (issue 11): $PARLEY_CHROMIUM, the system's Chromium, Playwright's own; where
// there is none: `playwright install chromium` when its download host answers, else the Debian/Ubuntu
// `chromium` package when we are root (or have password-less sudo). Where nothing works it stops within
// seconds with one line saying exactly what to run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const DEJAVU_FILES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf', '/usr/local/share/fonts/dejavu/DejaVuSans.ttf', '/Library/Fonts/DejaVuSans.ttf', 'C:\\Windows\\Fonts\\DejaVuSans.ttf'];
const TOOLS = [
  { command: 'pdfinfo', apt: 'poppler-utils' },
  { command: 'pdftotext', apt: 'poppler-utils' },
  { command: 'rsvg-convert', apt: 'librsvg2-bin' },
];

const isExecutable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

function playwrightChromium() {
  try {
    const file = require('playwright-core').chromium.executablePath();
    return file && isExecutable(file) ? file : null;
  } catch {
    return null;
  }
}

/** The Chromium the end-to-end tests use, or null. An invalid $PARLEY_CHROMIUM is an error, not a fallback. */
export function findChromium() {
  const fromEnv = process.env.PARLEY_CHROMIUM;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : null;
  return SYSTEM_CHROMIUMS.find(isExecutable) ?? playwrightChromium();
}

const onPath = (command) => {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  return dirs.some((d) => exts.some((e) => isExecutable(path.join(d, command + e))));
};
const hasDejaVu = () => DEJAVU_FILES.some((f) => fs.existsSync(f));

/** What is missing, as Debian package names (empty when everything is there). */
function missingPackages({ browser }) {
  const pkgs = new Set();
  if (browser && !findChromium()) pkgs.add('chromium');
  for (const t of TOOLS) if (!onPath(t.command)) pkgs.add(t.apt);
  if (!hasDejaVu()) pkgs.add('fonts-dejavu-core');
  return [...pkgs];
}

function reachable(url, ms = 4000) {
  return new Promise((resolve) => {
    const req = https.request(url, { method: 'HEAD', timeout: ms }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

const log = (msg) => process.stdout.write(`test-tools: ${msg}\n`);

function aptPrefix() {
  if (process.platform !== 'linux' || !fs.existsSync('/etc/debian_version') || !onPath('apt-get')) return null;
  if (typeof process.getuid === 'function' && process.getuid() === 0) return [];
  if (onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return null;
}

function aptInstall(prefix, pkgs) {
  log(`installing ${pkgs.join(' ')} with apt-get (about a minute)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => {
    const [cmd, ...rest] = [...prefix, ...args];
    return spawnSync(cmd, rest, { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
  };
  return run(['apt-get', 'update', '-qq']) && run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...pkgs]);
}

function playwrightInstall(withDeps) {
  log(`downloading Playwright's Chromium${withDeps ? ' and its system libraries' : ''}…`);
  const cli = path.join(path.dirname(require.resolve('playwright-core/package.json')), 'cli.js');
  return spawnSync(process.execPath, [cli, 'install', ...(withDeps ? ['--with-deps'] : []), 'chromium'], { stdio: 'inherit', cwd: root }).status === 0;
}

function stop(pkgs) {
  const apt = `sudo apt-get install ${pkgs.join(' ')}`;
  const browserHint = pkgs.includes('chromium') ? ', or set PARLEY_CHROMIUM=/path/to/chrome' : '';
  process.stderr.write(`test-tools: npm test needs ${pkgs.join(', ')}; run: ${apt}${browserHint}, then npm test again\n`);
  process.exit(1);
}

export async function ensureTestTools() {
  if (process.env.PARLEY_CHROMIUM && !isExecutable(process.env.PARLEY_CHROMIUM)) {
    process.stderr.write(`test-tools: PARLEY_CHROMIUM=${process.env.PARLEY_CHROMIUM} is not an executable file; fix or unset it, then npm test again\n`);
    process.exit(1);
  }
  let missing = missingPackages({ browser: true });
  if (missing.length === 0) return;
  const apt = aptPrefix();

  if (missing.includes('chromium') && (await reachable('https://cdn.playwright.dev/'))) {
    playwrightInstall(apt !== null && process.platform === 'linux');
    missing = missingPackages({ browser: true });
  }
  if (missing.length > 0 && apt !== null) {
    aptInstall(apt, missing);
    missing = missingPackages({ browser: true });
  }
  if (missing.length > 0) stop(missing);
  log(`ready: Chromium at ${findChromium()}, pdfinfo, pdftotext, rsvg-convert and DejaVu fonts`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureTestTools();
}
