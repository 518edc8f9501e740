// The security scan's verdict (scripts/security-scan.mjs): electronegativity always exits 0, so the
// gate is this reading of its CSV against the reviewed allow-list.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, parseCsv, readFindings, summary } from '../../../scripts/security-scan.mjs';
import { REPO_ROOT } from '../store/temp-library.ts';

const allowList = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'security', 'electronegativity-allow.json'), 'utf8')).allow as { issue: string; file: string; sample: string; reason: string }[];
const row = (issue: string, severity: string, file: string, sample: string) =>
  `${issue},"${severity}","FIRM","${file}","1:0","${sample.replaceAll('"', '""')}","what it means",https://github.com/doyensec/electronegativity/wiki/${issue}`;
const header = 'issue, severity, confidence, filename, location, sample, description, url';
const current = [header, ...allowList.map((e) => row(e.issue, 'MEDIUM', e.file, e.sample)), row('CSP_GLOBAL_CHECK', 'LOW', 'src-renderer/index.html', "default-src 'self'")].join('\n');

describe('reading the scanner’s CSV', () => {
  it('keeps quoted commas, doubled quotes and line breaks inside a field', () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines",N/A\r\nx,y\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines', 'N/A'],
      ['x', 'y'],
    ]);
  });

  it('reads findings wherever the header line lands (the tool writes it asynchronously)', () => {
    const findings = readFindings([row('PRELOAD_JS_CHECK', 'MEDIUM', 'a.ts', 'preload,'), header].join('\n'));
    expect(findings).toEqual([expect.objectContaining({ issue: 'PRELOAD_JS_CHECK', severity: 'MEDIUM', file: 'a.ts', sample: 'preload,' })]);
  });
});

describe('the verdict', () => {
  it('passes today’s findings: every medium one is reviewed, the low one is only reported', () => {
    const verdict = judge(readFindings(current), allowList);
    expect(verdict).toMatchObject({ failing: [], stale: [], problems: [] });
    expect(verdict.allowed).toHaveLength(allowList.length);
    expect(summary(verdict, '45.5.0', 12)).toBe(
      `security scan (electronegativity, Electron 45.5.0): 0 high, ${allowList.length} medium (${allowList.length} reviewed in security/electronegativity-allow.json), 1 low (CSP_GLOBAL_CHECK), 0 informational — ok (12 s)`,
    );
  });

  it('fails on a high or medium finding that is not reviewed, e.g. the scan of the shell before issue 14', () => {
    const before = readFindings(fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'electronegativity-before-issue-14.csv'), 'utf8'));
    const verdict = judge(before, allowList);
    expect(verdict.failing.map((f) => `${f.issue} ${f.file}`)).toEqual(['AUXCLICK_JS_CHECK src-main/app/main.ts', 'PRELOAD_JS_CHECK src-main/app/main.ts', 'OPEN_EXTERNAL_JS_CHECK src-main/app/main.ts']);
    expect(summary(verdict, '45.5.0', 12)).toMatch(/FAILED/);
    const worse = judge(readFindings(`${current}\n${row('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'src-main/app/window.ts', 'contextIsolation: false,')}`), allowList);
    expect(worse.failing).toEqual([expect.objectContaining({ issue: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH' })]);
  });

  it('fails on an allow-list entry that matches nothing any more, or has no reason', () => {
    const stale = judge(readFindings(header), allowList);
    expect(stale.stale).toHaveLength(allowList.length);
    expect(judge([], [{ issue: 'X', file: 'f', sample: 's', reason: ' ' }]).problems).toEqual(['allow-list entry 1 has no reason']);
  });

  it('each reviewed entry names a line that is in the source as written', () => {
    for (const e of allowList) {
      expect(fs.readFileSync(path.join(REPO_ROOT, e.file), 'utf8').split('\n').map((l) => l.trim()), `${e.issue}: ${e.sample}`).toContain(e.sample);
      expect(e.reason.length, e.issue).toBeGreaterThan(80);
    }
  });
});
