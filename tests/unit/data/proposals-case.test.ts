// The shipped proposals record (issue 12): valid, sourced, dated, quoted as docs/coding-guide.md says,
// and its timeline actually moves when the as-of date does.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCaseText, serializeCase } from '../../../src-core/case-file.ts';
import type { Case } from '../../../src-core/model.ts';
import { compileCase, scoreScenario } from '../../../src-core/scoring.ts';

const FILE = fileURLToPath(new URL('../../../data/cases/ukraine-proposals-2014-2026.json', import.meta.url));
const TEXT = readFileSync(FILE, 'utf8');
const MAIN_PARTIES = ['russia', 'ukraine', 'united-states', 'europe', 'china'];
const SUMMARY = 'Summary: ';
/** A quotation is a party's own words, short enough to be one quoted phrase (coding guide, "Quotes"). */
const MAX_QUOTE_WORDS = 30;

function load(): Case {
  const r = parseCaseText(TEXT);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.case;
}
const c = load();
const sourceOf = (id: string | undefined) => c.sources.find((s) => s.id === id);
const words = (s: string) => s.trim().split(/\s+/).length;

describe('the proposals record', () => {
  it('is a valid case file in canonical form (export reproduces it byte for byte)', () => {
    expect(c.id).toBe('ukraine-proposals-2014-2026');
    expect(serializeCase(c)).toBe(TEXT);
  });

  it('has the parties, issues, options, scenarios and positions the issue asks for', () => {
    for (const p of MAIN_PARTIES) expect(c.parties.map((x) => x.id)).toContain(p);
    expect(c.issues.length).toBeGreaterThanOrEqual(15);
    for (const issue of c.issues) {
      expect(issue.statusQuo, `issue ${issue.id} has no status quo`).toBeDefined();
      expect(issue.options.length, `issue ${issue.id}`).toBeGreaterThanOrEqual(3);
    }
    expect(c.scenarios.length).toBeGreaterThanOrEqual(12);
    expect(c.positions.length).toBeGreaterThanOrEqual(120);
  });

  it('gives every position and scenario a source with an http(s) URL and a date', () => {
    const cited = [...c.positions.map((p, i) => [`positions[${i}]`, p.source] as const), ...c.scenarios.map((s) => [`scenario ${s.id}`, s.source] as const)];
    for (const [where, id] of cited) {
      const src = sourceOf(id);
      expect(src, `${where} cites no known source`).toBeDefined();
      expect(src!.url, `${where}: source ${id} has no URL`).toMatch(/^https?:\/\//);
      expect(src!.date, `${where}: source ${id} has no date`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(src!.publisher, `${where}: source ${id} names no publisher`).toBeTruthy();
    }
    const unused = c.sources.filter((s) => !cited.some(([, id]) => id === s.id)).map((s) => s.id);
    expect(unused, 'sources nobody cites').toEqual([]);
  });

  it('dates every position and scenario, never after the date of its source', () => {
    c.positions.forEach((p, i) => {
      expect(p.date, `positions[${i}] has no date`).toBeDefined();
      expect(p.date! <= sourceOf(p.source)!.date!, `positions[${i}] (${p.party}/${p.issue}) is dated ${p.date}, after its source`).toBe(true);
    });
    for (const s of c.scenarios) {
      expect(s.date, `scenario ${s.id} has no date`).toBeDefined();
      expect(s.date! <= sourceOf(s.source)!.date!, `scenario ${s.id} is dated ${s.date}, after its source (${sourceOf(s.source)!.date})`).toBe(true);
    }
  });

  it('lists the documents in the order they were tabled', () => {
    const dates = c.scenarios.map((s) => s.date!);
    expect(dates).toEqual([...dates].sort());
  });

  it('has a non-empty quote of at most 400 characters on every position', () => {
    c.positions.forEach((p, i) => {
      expect(p.quote?.trim(), `positions[${i}] has no quote`).toBeTruthy();
      expect(p.quote!.length, `positions[${i}] quote is too long`).toBeLessThanOrEqual(400);
    });
  });

  it('keeps every quote that is not a "Summary:" to a plausible quotation: short, and no summary in disguise', () => {
    const quotes = c.positions.map((p, i) => [i, p.quote!] as const).filter(([, q]) => !q.startsWith(SUMMARY));
    expect(quotes.length).toBeGreaterThan(40);
    for (const [i, q] of quotes) {
      expect(words(q), `positions[${i}] quote has ${words(q)} words: ${q}`).toBeLessThanOrEqual(MAX_QUOTE_WORDS);
      expect(q, `positions[${i}]`).not.toMatch(/^summary\b/i);
      expect(q, `positions[${i}] starts or ends with white space`).toBe(q.trim());
    }
    for (const p of c.positions.filter((x) => x.quote!.startsWith(SUMMARY))) {
      expect(p.quote!.length).toBeGreaterThan(SUMMARY.length + 20);
    }
  });

  it('records each main party at three or more distinct dates', () => {
    for (const party of MAIN_PARTIES) {
      const dates = new Set(c.positions.filter((p) => p.party === party).map((p) => p.date));
      expect(dates.size, `${party} has positions on ${dates.size} date(s)`).toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps at most one position per party, issue and date (so the timeline has one value per change)', () => {
    const keys = c.positions.map((p) => `${p.party}/${p.issue}/${p.date}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the timeline of the proposals record', () => {
  const match = (scenarioId: string, party: string, asOf: string | null) => {
    const s = c.scenarios.find((x) => x.id === scenarioId)!;
    return scoreScenario(compileCase(c, asOf), s.terms).parties.find((p) => p.party === party)!.match;
  };

  it('moves: some scenario scores differently for some party as the as-of date moves', () => {
    const asOfs = ['2015-06-01', '2022-06-01', '2025-01-01', null];
    const moving = c.scenarios.filter((s) => c.parties.some((p) => new Set(asOfs.map((d) => match(s.id, p.id, d))).size > 1));
    expect(moving.length).toBeGreaterThanOrEqual(c.scenarios.length / 2);
  });

  it('shows Minsk II losing Russia: acceptable in 2015, across red lines since the 2022 annexation', () => {
    const minsk = c.scenarios.find((s) => s.id === 'minsk-ii')!;
    const russia = (asOf: string | null) => scoreScenario(compileCase(c, asOf), minsk.terms).parties.find((p) => p.party === 'russia')!;
    expect(russia('2015-06-01')).toMatchObject({ acceptable: true, redLines: [] });
    expect(russia('2022-06-01').redLines).toEqual([]);
    expect(russia('2022-10-01').redLines).toContain('donbas');
    expect(russia(null).acceptable).toBe(false);
    expect(russia('2015-06-01').match!).toBeGreaterThan(russia(null).match! + 20);
  });

  it('shows the United States coming round to its own 28-point plan between 2024 and late 2025', () => {
    const before = match('us-28-points-2025', 'united-states', '2024-12-31')!;
    const after = match('us-28-points-2025', 'united-states', '2025-11-30')!;
    expect(after - before).toBeGreaterThan(30);
  });

  it('has no basis for a party before its first statement: Türkiye in 2015', () => {
    expect(match('minsk-ii', 'turkey', '2015-06-01')).toBeNull();
    expect(match('minsk-ii', 'turkey', null)).not.toBeNull();
  });
});
