// What the app says while a field is typed: the edit applied locally and the result validated with the
// case file's rules gives the case file's messages at the field's path, refuses what the api would refuse,
// and, when valid, the very case the api then stores.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/api.ts';
import { parseCase, serializeCase, toCaseFile } from '../../../src-core/case-file.ts';
import type { EditInput } from '../../../src-core/edits.ts';
import { ParleyService } from '../../../src-main/service.ts';
import { numberValue, optionalText } from '../../../src-renderer/lib/edit-values.ts';
import { checkEdit, messageFor } from '../../../src-renderer/lib/edit-check.ts';
import { ukraine } from '../charts/chart-fixtures.ts';
import { CASES_DIR, onCleanup, tempLibraryPath } from '../store/temp-library.ts';

const c = ukraine();
const russia = c.parties.find((p) => p.id === 'russia')!;
const russiaAt = c.parties.indexOf(russia);

describe('the message a field shows', () => {
  it('is the case file’s own message for the same value, at the field’s path', () => {
    const edit: EditInput = { op: 'updateParty', party: { ...russia, name: '   ' } };
    const checked = checkEdit(c, edit);
    expect(messageFor(checked, `parties[${russiaAt}].name`)).toBe('must not be empty');
    // The same value in a case file gets the same message at the same path.
    const file = toCaseFile(c);
    file.parties[russiaAt]!.name = '   ';
    const parsed = parseCase(file);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toContainEqual({ path: `parties[${russiaAt}].name`, message: 'must not be empty' });
  });

  it.each([
    ['a reservation over 100', { op: 'updateParty', party: { ...russia, reservation: numberValue('150') } }, `parties[${russiaAt}].reservation`, 'must be between 0 and 100'],
    ['a reservation that is not a number', { op: 'updateParty', party: { ...russia, reservation: numberValue('lots') } }, `parties[${russiaAt}].reservation`, 'must be a number, not a string'],
    ['a date that does not exist', { op: 'setCase', asOf: '2025-02-30' }, 'asOf', 'is not a real calendar date'],
    ['a date written otherwise', { op: 'setCase', asOf: '17/08/2025' }, 'asOf', 'must be a date written YYYY-MM-DD'],
    ['a source URL that is not http(s)', { op: 'updateSource', source: { ...c.sources[0]!, url: optionalText('ftp://example.org') } }, 'sources[0].url', 'must be an http(s) URL, starting with http:// or https://'],
    ['a stance utility below 0', { op: 'setRules', stanceUtilities: { oppose: -5 } }, 'stanceUtilities.oppose', 'must be between 0 and 100'],
  ] as [string, EditInput, string, string][])('%s', (_name, edit, path, message) => {
    expect(messageFor(checkEdit(c, edit), path)).toBe(message);
  });

  it('names an error elsewhere by its path, and an edit the api refuses by its reason', () => {
    const p = c.positions[0]!;
    const moved = checkEdit(c, { op: 'updatePosition', ref: { party: p.party, issue: p.issue, date: p.date }, position: { ...p, stances: { 'no-such-option': 'demand' } } });
    expect(messageFor(moved, 'positions[0].date')).toBe(`positions[0].stances.no-such-option: "no-such-option" is not an option of issue "${p.issue}"`);
    expect(messageFor(checkEdit(c, { op: 'addParty', party: { id: 'russia', name: 'Russia again' } }), 'parties[4].name')).toBe('a party with id "russia" already exists');
    expect(messageFor(checkEdit(c, { op: 'updateParty', party: { ...russia, reservation: 65 } }), `parties[${russiaAt}].reservation`)).toBeNull();
  });
});

describe('checked here, stored there', () => {
  function open(): ParleyService {
    const s = ParleyService.open(tempLibraryPath(), { casesDir: CASES_DIR });
    onCleanup(() => s.close());
    return s;
  }

  it('a valid edit gives the case the api stores, byte for byte', () => {
    const s = open();
    const p = c.positions.find((x) => x.party === 'ukraine')!;
    const edits: EditInput[] = [
      { op: 'updateParty', party: { ...russia, reservation: 65, description: 'Edited in a test.' } },
      { op: 'addPosition', position: { ...p, date: '2025-09-30', salience: 2 } },
      { op: 'setRules', stanceUtilities: { acceptable: 75 }, unstatedUtility: 40 },
      { op: 'addIssue', issue: { id: 'elections', name: 'Elections', options: [{ id: 'soon', label: 'Within a year' }] }, at: 0 },
    ];
    let local = s.getCase({ caseId: c.id });
    for (const edit of edits) {
      const checked = checkEdit(local, edit);
      expect(checked.ok).toBe(true);
      const stored = s.edit({ caseId: c.id, edit }).case!;
      expect(serializeCase(checked.ok ? checked.case : local)).toBe(serializeCase(stored));
      local = stored;
    }
  });

  it('what the check refuses, the api refuses too, with the same path', () => {
    const s = open();
    const edit: EditInput = { op: 'updateIssue', issue: { id: 'nato', name: 'NATO', statusQuo: 'no-such-option' } };
    const checked = checkEdit(s.getCase({ caseId: c.id }), edit);
    expect(checked.ok).toBe(false);
    let refused: ApiError | undefined;
    try {
      s.edit({ caseId: c.id, edit });
    } catch (err) {
      refused = err as ApiError;
    }
    expect(refused?.code).toBe('invalid_case');
    expect(refused?.details).toEqual(!checked.ok && checked.errors);
  });
});
