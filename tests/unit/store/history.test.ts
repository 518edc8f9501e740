// Editing cases through the api (DESIGN §10): every edit is one transaction and one revision, undo and redo
// walk the revisions (also after a restart), and undoing everything gives back the original file byte for byte.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/api.ts';
import { serializeCase } from '../../../src-core/case-file.ts';
import type { EditInput } from '../../../src-core/edits.ts';
import type { Case } from '../../../src-core/model.ts';
import { compileCase, scoreScenario } from '../../../src-core/scoring.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { generateCase, seededRandom } from '../../fixtures/generate-case.ts';
import { randomEdit } from './random-edits.ts';
import { CASES_DIR, onCleanup, tableCounts, tempLibraryPath } from './temp-library.ts';

const DEFAULT = 'ukraine-talks-2025-08';

function open(file = tempLibraryPath()): ParleyService {
  const s = ParleyService.open(file, { casesDir: CASES_DIR });
  onCleanup(() => s.close());
  return s;
}

const exported = (s: ParleyService, caseId: string) => s.exportCase({ caseId }).content;

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

/** The case as a fresh connection reads it from the file: what survives a restart. */
function reread(file: string, caseId: string): string {
  const other = ParleyService.open(file);
  try {
    return exported(other, caseId);
  } finally {
    other.close();
  }
}

describe('random sequences of edits', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  for (const seed of seeds) {
    it(`seed ${seed}: the file always equals memory; undo all restores the original byte for byte, redo all the final`, () => {
      const file = tempLibraryPath();
      const s = open(file);
      const small = generateCase({ parties: 3, issues: 4, options: 3, scenarios: 2, seed, id: 'small' });
      s.importCase({ content: serializeCase(small) });
      const rnd = seededRandom(seed * 7919);
      for (const caseId of [DEFAULT, 'small']) {
        const original = exported(s, caseId);
        const startSeq = s.history({ caseId }).revisions.length;
        let applied = 0;
        for (let n = 0; n < 25; n++) {
          const before = exported(s, caseId);
          const edit = randomEdit(s.getCase({ caseId }), rnd, n);
          try {
            const r = s.edit({ caseId, edit });
            if (r.revision) applied++;
            expect(r.case && serializeCase(r.case)).toBe(reread(file, caseId));
          } catch (err) {
            // A refused edit (taken id, referenced removal, invalid result) changes nothing.
            expect(err, JSON.stringify(edit)).toBeInstanceOf(ApiError);
            expect(exported(s, caseId)).toBe(before);
            expect(reread(file, caseId)).toBe(before);
          }
        }
        expect(applied, "most random edits apply").toBeGreaterThan(12);
        expect(s.history({ caseId }).revisions.length - startSeq).toBe(applied);
        const final = exported(s, caseId);
        for (let k = 0; k < applied; k++) s.undo({ caseId });
        expect(exported(s, caseId)).toBe(original);
        expect(reread(file, caseId)).toBe(original);
        for (let k = 0; k < applied; k++) s.redo({ caseId });
        expect(exported(s, caseId)).toBe(final);
        expect(reread(file, caseId)).toBe(final);
      }
    });
  }
});

describe('one edit, one revision', () => {
  it('names what changed in one line, and a no-op edit writes no revision', () => {
    const s = open();
    const c = s.getCase({ caseId: DEFAULT });
    const russiaNato = c.positions.find((p) => p.party === 'russia' && p.issue === 'nato')!;
    const r = s.edit({ caseId: DEFAULT, edit: { op: 'updatePosition', ref: { party: 'russia', issue: 'nato', date: russiaNato.date }, position: { ...russiaNato, salience: russiaNato.salience === 5 ? 4 : 5 } } });
    expect(r.revision?.summary).toMatch(/^Russia on NATO[^:]*\(\d{4}-\d\d-\d\d\): salience \d → \d$/);
    expect(r.undo).toBe(r.revision!.summary);
    expect(r.redo).toBeNull();
    const again = s.edit({ caseId: DEFAULT, edit: { op: 'updatePosition', ref: { party: 'russia', issue: 'nato', date: russiaNato.date }, position: r.case!.positions.find((p) => p.party === 'russia' && p.issue === 'nato')! } });
    expect(again.revision).toBeNull();
    expect(s.history({ caseId: DEFAULT }).revisions).toHaveLength(1);
  });

  it('an edit that would make the case invalid is refused with the case file path and changes nothing', () => {
    const s = open();
    const before = tableCounts(s.db);
    const bad: EditInput = { op: 'updateIssue', issue: { id: 'nato', name: 'NATO', statusQuo: 'no-such-option' } };
    const err = apiError(() => s.edit({ caseId: DEFAULT, edit: bad }));
    expect(err.code).toBe('invalid_case');
    expect(err.details?.map((d) => d.path)).toContain('issues[2].statusQuo');
    expect(tableCounts(s.db)).toEqual(before);
  });

  it('rejects malformed edits at the transport boundary with every bad field', async () => {
    const { validateInput } = await import('../../../src-core/api.ts');
    const err = apiError(() => validateInput('edit', { caseId: DEFAULT, edit: { op: 'addParty', party: { id: 'Bad Id', name: '' } } }));
    expect(err.code).toBe('invalid_input');
    expect(err.details?.map((d) => d.path)).toEqual(expect.arrayContaining(['edit.party.id', 'edit.party.name']));
    expect(apiError(() => validateInput('edit', { caseId: DEFAULT, edit: { op: 'explode' } })).code).toBe('invalid_input');
  });

  it('refuses a taken id, a missing target and a statement added twice on one date', () => {
    const s = open();
    expect(apiError(() => s.edit({ caseId: DEFAULT, edit: { op: 'addParty', party: { id: 'russia', name: 'Russia again' } } })).code).toBe('conflict');
    expect(apiError(() => s.edit({ caseId: DEFAULT, edit: { op: 'updateParty', party: { id: 'nobody', name: 'X' } } })).code).toBe('not_found');
    expect(apiError(() => s.edit({ caseId: 'no-case', edit: { op: 'setCase', title: 'X' } })).code).toBe('not_found');
    const p = s.getCase({ caseId: DEFAULT }).positions[0]!;
    const err = apiError(() => s.edit({ caseId: DEFAULT, edit: { op: 'addPosition', position: p } }));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/already has a statement on that date/);
  });
});

describe('dated statements (DESIGN §10)', () => {
  it('recording a new date adds a statement; the earlier one still counts for earlier as-of dates', () => {
    const s = open();
    const c = s.getCase({ caseId: DEFAULT });
    const old = c.positions.find((p) => p.party === 'ukraine' && p.issue === 'donetsk')!;
    const later = { ...old, date: '2025-09-01', stances: Object.fromEntries(Object.keys(old.stances).map((o) => [o, 'acceptable' as const])), quote: 'Summary: a later test statement.' };
    const r = s.edit({ caseId: DEFAULT, edit: { op: 'addPosition', position: later } });
    const after = r.case!;
    expect(after.positions.filter((p) => p.party === 'ukraine' && p.issue === 'donetsk')).toHaveLength(2);
    const terms = { donetsk: Object.keys(old.stances)[0]! };
    const ukraine = (asOf: string | null) => scoreScenario(compileCase(after, asOf), terms).parties.find((p) => p.party === 'ukraine')!.match;
    expect(ukraine(old.date!)).toBe(scoreScenario(compileCase(c, old.date!), terms).parties.find((p) => p.party === 'ukraine')!.match);
    expect(ukraine('2025-09-01')).not.toBe(ukraine(old.date!));
  });

  it('correcting a statement edits it in place, its date included', () => {
    const s = open();
    const p = s.getCase({ caseId: DEFAULT }).positions[0]!;
    const r = s.edit({ caseId: DEFAULT, edit: { op: 'updatePosition', ref: { party: p.party, issue: p.issue, date: p.date }, position: { ...p, date: '2025-08-01' } } });
    expect(r.case!.positions[0]).toEqual({ ...p, date: '2025-08-01' });
    expect(r.case!.positions).toHaveLength(s.getCase({ caseId: DEFAULT }).positions.length);
  });
});

describe('deleting what is referenced', () => {
  it('first lists what refers to it, and changes nothing', () => {
    const s = open();
    const before = exported(s, DEFAULT);
    const err = apiError(() => s.edit({ caseId: DEFAULT, edit: { op: 'remove', target: { kind: 'issue', id: 'nato' } } }));
    expect(err.code).toBe('referenced');
    expect(err.details!.length).toBeGreaterThan(0);
    expect(err.details!.every((d) => /^(positions|scenarios|incompatible)\[\d+\]$/.test(d.path))).toBe(true);
    expect(err.details!.map((d) => d.message).join('\n')).toMatch(/statement of Russia on NATO/);
    expect(exported(s, DEFAULT)).toBe(before);
  });

  it('with cascade deletes it and exactly what refers to it, in one undoable revision', () => {
    const s = open();
    const before = exported(s, DEFAULT);
    const c = s.getCase({ caseId: DEFAULT });
    const r = s.edit({ caseId: DEFAULT, edit: { op: 'remove', target: { kind: 'issue', id: 'nato' }, cascade: true } });
    expect(r.case!.issues.map((i) => i.id)).not.toContain('nato');
    expect(r.case!.positions).toHaveLength(c.positions.filter((p) => p.issue !== 'nato').length);
    expect(r.case!.scenarios.every((sc) => sc.terms.nato === undefined)).toBe(true);
    // Incompatible entries that name NATO go with it, and come back on undo.
    expect(r.case!.incompatible.every((e) => e.terms.nato === undefined)).toBe(true);
    expect(r.case!.incompatible.length).toBeLessThan(c.incompatible.length);
    expect(r.revision!.summary).toMatch(/^Deleted issue “NATO[^”]*” \(and \d+ references to it\)$/);
    s.undo({ caseId: DEFAULT });
    expect(exported(s, DEFAULT)).toBe(before);
  });

  it('an option that is a status quo, stated and chosen: all three are listed', () => {
    const s = open();
    const c = s.getCase({ caseId: DEFAULT });
    const issue = c.issues.find((i) => i.statusQuo !== undefined && c.scenarios.some((sc) => sc.terms[i.id] === i.statusQuo))!;
    const err = apiError(() => s.edit({ caseId: DEFAULT, edit: { op: 'remove', target: { kind: 'option', issue: issue.id, id: issue.statusQuo! } } }));
    const text = err.details!.map((d) => `${d.path} ${d.message}`).join('\n');
    expect(text).toMatch(/statusQuo the status quo of/);
    expect(text).toMatch(/statement of/);
    expect(text).toMatch(/it chooses this option/);
  });
});

describe('undo and redo', () => {
  it('survive a restart', () => {
    const file = tempLibraryPath();
    let s = ParleyService.open(file, { casesDir: CASES_DIR });
    const original = exported(s, DEFAULT);
    s.edit({ caseId: DEFAULT, edit: { op: 'setCase', title: 'Renamed case' } });
    s.edit({ caseId: DEFAULT, edit: { op: 'addParty', party: { id: 'china', name: 'China', reservation: 40 } } });
    const edited = exported(s, DEFAULT);
    s.close();
    s = ParleyService.open(file, { casesDir: CASES_DIR });
    expect(s.undo({ caseId: DEFAULT }).undo).toBe('Case: title “Ukraine peace talks, August 2025” → “Renamed case”');
    s.close();
    s = ParleyService.open(file, { casesDir: CASES_DIR });
    expect(s.history({ caseId: DEFAULT }).redo).toBe('Added party “China”');
    s.undo({ caseId: DEFAULT });
    expect(exported(s, DEFAULT)).toBe(original);
    s.close();
    s = ParleyService.open(file, { casesDir: CASES_DIR });
    s.redo({ caseId: DEFAULT });
    s.redo({ caseId: DEFAULT });
    expect(exported(s, DEFAULT)).toBe(edited);
    expect(apiError(() => s.redo({ caseId: DEFAULT })).code).toBe('not_found');
    s.close();
  });

  it('a new edit after undo drops what could be redone', () => {
    const s = open();
    s.edit({ caseId: DEFAULT, edit: { op: 'setCase', title: 'One' } });
    s.edit({ caseId: DEFAULT, edit: { op: 'setCase', title: 'Two' } });
    s.undo({ caseId: DEFAULT });
    const r = s.edit({ caseId: DEFAULT, edit: { op: 'setCase', title: 'Three' } });
    expect(r.redo).toBeNull();
    expect(s.history({ caseId: DEFAULT }).revisions.map((x) => x.summary)).toEqual([
      'Case: title “Ukraine peace talks, August 2025” → “One”',
      'Case: title “One” → “Three”',
    ]);
  });

  it('going back to a revision undoes all after it in one step, and forward again', () => {
    const s = open();
    const original = exported(s, DEFAULT);
    for (const title of ['A', 'B', 'C', 'D']) s.edit({ caseId: DEFAULT, edit: { op: 'setCase', title } });
    expect(s.goToRevision({ caseId: DEFAULT, seq: 2 }).case!.title).toBe('B');
    expect(s.history({ caseId: DEFAULT }).revisions.map((r) => r.undone)).toEqual([false, false, true, true]);
    expect(s.goToRevision({ caseId: DEFAULT, seq: 0 }).case!.title).toBe('Ukraine peace talks, August 2025');
    expect(exported(s, DEFAULT)).toBe(original);
    expect(s.goToRevision({ caseId: DEFAULT, seq: 4 }).case!.title).toBe('D');
  });
});

describe('cases', () => {
  it('a new empty case, a copy, and a deletion that undo brings back whole', () => {
    const s = open();
    const empty = s.createCase({ title: 'My negotiation' });
    expect(empty.case).toMatchObject({ id: 'my-negotiation', title: 'My negotiation', parties: [], issues: [] });
    const copy = s.createCase({ title: 'Ukraine (my copy)', copyOf: DEFAULT });
    expect(copy.case!.id).toBe('ukraine-my-copy');
    expect(serializeCase({ ...copy.case!, id: DEFAULT, title: s.getCase({ caseId: DEFAULT }).title })).toBe(exported(s, DEFAULT));
    const original = exported(s, DEFAULT);
    const gone = s.deleteCase({ caseId: DEFAULT });
    expect(gone.case).toBeNull();
    expect(gone.undo).toMatch(/^Deleted case/);
    expect(s.listCases().map((c) => c.id)).not.toContain(DEFAULT);
    expect(s.deletedCases().map((d) => d.id)).toEqual([DEFAULT]);
    expect(apiError(() => s.getCase({ caseId: DEFAULT })).code).toBe('not_found');
    s.undo({ caseId: DEFAULT });
    expect(exported(s, DEFAULT)).toBe(original);
    expect(s.deletedCases()).toEqual([]);
    // A new case never reuses the id of a deleted one, so the deletion stays undoable.
    s.deleteCase({ caseId: 'my-negotiation' });
    expect(s.createCase({ title: 'My negotiation' }).caseId).toBe('my-negotiation-2');
  });

  it('undoing the creation of a case removes it, and redo brings it back', () => {
    const s = open();
    s.createCase({ title: 'Short-lived' });
    expect(s.undo({ caseId: 'short-lived' }).case).toBeNull();
    expect(s.listCases().map((c) => c.id)).not.toContain('short-lived');
    expect(s.redo({ caseId: 'short-lived' }).case?.title).toBe('Short-lived');
  });

  it('a case can be built from nothing to a scored case', () => {
    const s = open();
    const id = s.createCase({ title: 'Water talks' }).caseId;
    const edits: EditInput[] = [
      { op: 'addParty', party: { id: 'north', name: 'North', reservation: 50 } },
      { op: 'addParty', party: { id: 'south', name: 'South' } },
      { op: 'addIssue', issue: { id: 'water', name: 'Water share', statusQuo: 'half', options: [{ id: 'half', label: 'Half each' }, { id: 'most', label: 'North takes most' }] } },
      { op: 'addSource', source: { id: 'minutes', title: 'Meeting minutes', date: '2026-01-10' } },
      { op: 'addPosition', position: { party: 'north', issue: 'water', salience: 5, date: '2026-01-10', stances: { most: 'demand', half: 'oppose' }, source: 'minutes' } },
      { op: 'addPosition', position: { party: 'south', issue: 'water', salience: 4, stances: { half: 'demand', most: 'red_line' } } },
      { op: 'putScenario', scenario: { id: 'split', name: 'Split', terms: { water: 'half' } } },
    ];
    let c: Case | null = null;
    for (const edit of edits) c = s.edit({ caseId: id, edit }).case;
    const score = scoreScenario(compileCase(c!), c!.scenarios[0]!.terms);
    expect(score.parties.map((p) => p.match)).toEqual([25, 100]);
    expect(s.history({ caseId: id }).revisions).toHaveLength(edits.length + 1);
  });
});

describe('the positions spreadsheet through the api', () => {
  it('an unchanged export imports as no change; a bad row refuses the whole file; a good one is one undoable revision', () => {
    const s = open();
    const original = exported(s, DEFAULT);
    const csv = s.exportPositions({ caseId: DEFAULT }).content;
    const same = s.importPositions({ caseId: DEFAULT, content: csv, dryRun: true });
    expect(same.counts).toEqual({ added: 0, changed: 0, removed: 0 });

    const lines = csv.trimEnd().split('\r\n');
    const bad = [...lines.slice(0, 3), lines[3]!.replace(/,(demand|acceptable|neutral|oppose|red_line),/, ',perhaps,'), ...lines.slice(4)].join('\r\n');
    const err = apiError(() => s.importPositions({ caseId: DEFAULT, content: bad }));
    expect(err.code).toBe('invalid_file');
    expect(err.details).toEqual([{ path: 'row 4, column stance', message: '"perhaps" must be one of demand, acceptable, neutral, oppose, red_line' }]);
    expect(exported(s, DEFAULT)).toBe(original);

    // Drop every statement of the first party, change one salience, add one undated statement.
    const c = s.getCase({ caseId: DEFAULT });
    const first = c.positions[0]!;
    const kept = lines.slice(1).filter((l) => !l.startsWith(`${first.party},`));
    const key = kept[0]!.split(',').slice(0, 3).join(',');
    const changed = kept.map((l) => (l.startsWith(`${key},`) ? l.replace(/^([^,]*,[^,]*,[^,]*,)\d/, '$11') : l));
    const extra = `${first.party},${first.issue},,2,${Object.keys(first.stances)[0]},acceptable,,,Summary: added in a spreadsheet.`;
    const good = [lines[0], ...changed, extra].join('\r\n');
    const preview = s.importPositions({ caseId: DEFAULT, content: good, dryRun: true });
    expect(preview.revision).toBeNull();
    expect(exported(s, DEFAULT)).toBe(original);
    const r = s.importPositions({ caseId: DEFAULT, content: good, fileName: 'p.csv' });
    expect(r.counts).toEqual(preview.counts);
    expect(r.counts.added).toBe(1);
    expect(r.counts.changed).toBe(1);
    expect(r.counts.removed).toBe(c.positions.filter((p) => p.party === first.party).length);
    expect(r.revision!.summary).toBe(`Imported statements from p.csv: 1 added, 1 changed, ${r.counts.removed} removed`);
    s.undo({ caseId: DEFAULT });
    expect(exported(s, DEFAULT)).toBe(original);
  });
});
