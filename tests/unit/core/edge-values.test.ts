// Values at the edge of what is allowed, each of which a mutation check of the suite once slipped past:
// a utility override of 0 (a real utility, not "no override"), and source URLs the library must refuse
// with a validation message rather than a raw SQLite error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/api.ts';
import { parseCase, parseCaseOrThrow, serializeCase } from '../../../src-core/case-file.ts';
import { compileCase, explainScore, optionUtility, scoreScenario } from '../../../src-core/scoring.ts';
import { ParleyService } from '../../../src-main/service.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function library(): ParleyService {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-edge-'));
  dirs.push(dir);
  return ParleyService.open(path.join(dir, 'library.sqlite'));
}

/** One party, one issue with two options; the party demands `a` but overrides its utility. */
function caseFile(utilities: Record<string, number>, url?: string) {
  return {
    format: 'parley-case',
    version: 1,
    id: 'edge',
    title: 'Edge values',
    parties: [{ id: 'p', name: 'P', reservation: 0 }],
    issues: [{ id: 'i', name: 'I', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }],
    sources: [{ id: 's', title: 'Report', ...(url !== undefined && { url }) }],
    positions: [{ party: 'p', issue: 'i', salience: 3, stances: { a: 'demand', b: 'demand' }, utilities, source: 's' }],
    scenarios: [{ id: 'take-a', name: 'Take A', terms: { i: 'a' } }],
  };
}

describe('a utility override of 0', () => {
  const c = parseCaseOrThrow(caseFile({ a: 0, b: 40 }));

  it('is the utility of the option, not "no override" (the stance would give 100)', () => {
    expect(optionUtility(c, c.positions[0]!, 'a')).toBe(0);
    expect(optionUtility(c, c.positions[0]!, 'b')).toBe(40);
    const compiled = compileCase(c);
    const score = scoreScenario(compiled, { i: 'a' }).parties[0]!;
    expect(score.match).toBe(0);
    expect(score.contributions).toEqual({ i: 0 });
    expect(score.acceptable).toBe(true); // reservation 0, no red line
    expect(scoreScenario(compiled, { i: 'b' }).parties[0]!.match).toBe(40);
    expect(explainScore(compiled, { i: 'a' }, 'p')[0]).toMatchObject({ utility: 0, stance: 'demand', loss: 100 });
  });

  it('survives the library and the case file: stored, read back and exported as 0', () => {
    const s = library();
    s.importCase({ content: serializeCase(c) });
    expect(s.getCase({ caseId: 'edge' }).positions[0]!.utilities).toEqual({ a: 0, b: 40 });
    expect(JSON.parse(s.exportCase({ caseId: 'edge' }).content).positions[0].utilities).toEqual({ a: 0, b: 40 });
    s.close();
  });
});

describe('source URLs', () => {
  it.each([
    ['https://example.org/report', true],
    ['http://example.org/a?b=c#d', true],
    ['javascript:alert(1)', false],
    ['JAVASCRIPT:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox(1)', false],
    ['file:///etc/passwd', false],
    ['ftp://example.org/file', false],
    ['HTTPS://EXAMPLE.ORG/a', false],
    ['http:example.org', false],
    ['//example.org/a', false],
  ])('%s: accepted %s, and never a raw database error', (url, ok) => {
    const r = parseCase(caseFile({}, url));
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.errors).toEqual([{ path: 'sources[0].url', message: expect.stringMatching(/http\(s\) URL|http:\/\/ or https:\/\//) }]);
    const s = library();
    try {
      if (ok) {
        s.importCase({ content: JSON.stringify(caseFile({}, url)) });
        expect(s.getCase({ caseId: 'edge' }).sources[0]!.url).toBe(url);
      } else {
        let err: unknown;
        try {
          s.importCase({ content: JSON.stringify(caseFile({}, url)) });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ApiError);
        expect((err as ApiError).code).toBe('invalid_case');
        expect((err as ApiError).details?.map((d) => d.path)).toEqual(['sources[0].url']);
        expect((err as ApiError).message).not.toMatch(/CHECK constraint|SQLITE/);
        expect(s.listCases()).toEqual([]);
      }
    } finally {
      s.close();
    }
  });
});
