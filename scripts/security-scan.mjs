// Part of `npm test`: Doyensec's electronegativity over the Electron code (src-main and src-renderer
// together, so its global checks see the CSP and the navigation limits side by side). The tool always
// exits 0, so its CSV is read here: any HIGH or MEDIUM finding fails the run unless it is listed, with
// the reason it is acceptable, in security/electronegativity-allow.json. It stays out of the app's
// dependencies (it pulls ~400 packages, an old eslint and TypeScript) and runs through npx.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCANNER = '@doyensec/electronegativity@1.10.3';
const GATED = new Set(['HIGH', 'MEDIUM']);

/** RFC 4180 rows (quoted fields may hold commas, doubled quotes and line breaks). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim()));
}

/** The scanner's findings from its CSV (its header line is recognised wherever it lands). */
export function readFindings(csv) {
  return parseCsv(csv)
    .filter((r) => r[0]?.trim() !== 'issue')
    .map(([issue, severity, confidence, file, location, sample, description]) => ({ issue, severity, confidence, file, location, sample: sample?.trim() ?? '', description }));
}

const sameFinding = (finding, entry) => finding.issue === entry.issue && finding.file === entry.file && finding.sample === entry.sample.trim();

/** Splits findings into those that fail the run, those allowed, and allow-list entries that match nothing any more. */
export function judge(findings, allowList) {
  const problems = [];
  for (const [i, entry] of allowList.entries()) {
    for (const key of ['issue', 'file', 'sample', 'reason']) {
      if (typeof entry[key] !== 'string' || !entry[key].trim()) problems.push(`allow-list entry ${i + 1} has no ${key}`);
    }
  }
  const gated = findings.filter((f) => GATED.has(f.severity));
  const allowed = gated.filter((f) => allowList.some((e) => sameFinding(f, e)));
  const failing = gated.filter((f) => !allowed.includes(f));
  const stale = allowList.filter((e) => !findings.some((f) => sameFinding(f, e)));
  return { failing, allowed, stale, problems, others: findings.filter((f) => !GATED.has(f.severity)) };
}

function count(findings, severity) {
  return findings.filter((f) => f.severity === severity).length;
}

export function summary({ failing, allowed, stale, problems, others }, electronVersion, seconds) {
  const all = [...failing, ...allowed, ...others];
  const lows = others.filter((f) => f.severity === 'LOW').map((f) => f.issue);
  const verdict = failing.length || stale.length || problems.length ? 'FAILED' : 'ok';
  return (
    `security scan (electronegativity, Electron ${electronVersion}): ${count(all, 'HIGH')} high, ${count(all, 'MEDIUM')} medium ` +
    `(${allowed.length} reviewed in security/electronegativity-allow.json), ${lows.length} low${lows.length ? ` (${[...new Set(lows)].join(', ')})` : ''}, ` +
    `${count(all, 'INFORMATIONAL')} informational — ${verdict} (${seconds.toFixed(0)} s)`
  );
}

function scan(root, electronVersion) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-scan-'));
  try {
    // Copies of the two source folders only: scanning the repository would descend into node_modules.
    for (const dir of ['src-main', 'src-renderer']) fs.cpSync(path.join(root, dir), path.join(work, dir), { recursive: true });
    const csv = path.join(work, 'findings.csv');
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const r = spawnSync(npx, ['-y', SCANNER, '-i', work, '-r', '-e', electronVersion, '-o', csv], { cwd: work, encoding: 'utf8', shell: process.platform === 'win32' });
    if (!fs.existsSync(csv)) {
      const said = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-3).join(' / ');
      throw new Error(`${SCANNER} did not run (it is fetched from the npm registry by npx): ${said || r.error?.message || `exit ${r.status}`}`);
    }
    return readFindings(fs.readFileSync(csv, 'utf8'));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const electronVersion = createRequire(import.meta.url)('electron/package.json').version;
  const allowList = JSON.parse(fs.readFileSync(path.join(root, 'security', 'electronegativity-allow.json'), 'utf8')).allow;
  const started = performance.now();
  let verdict;
  try {
    verdict = judge(scan(root, electronVersion), allowList);
  } catch (err) {
    process.stderr.write(`security scan: ${err.message}\n`);
    process.exit(1);
  }
  for (const f of verdict.failing) process.stderr.write(`security scan: ${f.severity} ${f.issue} at ${f.file}:${f.location}: ${f.description}\n    ${f.sample}\n`);
  for (const e of verdict.stale) process.stderr.write(`security scan: allow-list entry ${e.issue} at ${e.file} ("${e.sample}") matches nothing now: remove it\n`);
  for (const p of verdict.problems) process.stderr.write(`security scan: ${p}\n`);
  console.log(summary(verdict, electronVersion, (performance.now() - started) / 1000));
  process.exit(verdict.failing.length || verdict.stale.length || verdict.problems.length ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
