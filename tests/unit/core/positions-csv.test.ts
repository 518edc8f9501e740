// The positions spreadsheet (DESIGN §10): exact round trip, every bad row named by its spreadsheet row and
// column, and files as LibreOffice and Excel write them (BOM, CRLF, quoted commas and line breaks, semicolons).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCaseText } from '../../../src-core/case-file.ts';
import { readCsv } from '../../../src-core/csv.ts';
import type { Case } from '../../../src-core/model.ts';
import { formatCsvError, positionsFromCsv, positionsToCsv } from '../../../src-core/positions-csv.ts';
import { generateCase } from '../../fixtures/generate-case.ts';

const shipped = (() => {
  const r = parseCaseText(readFileSync(fileURLToPath(new URL('../../../data/cases/ukraine-talks-2025-08.json', import.meta.url)), 'utf8'));
  if (!r.ok) throw new Error('shipped case invalid');
  return r.case;
})();

const HEADER = 'party,issue,date,salience,option,stance,utility,source,quote';

function read(c: Case, text: string) {
  const r = positionsFromCsv(c, text);
  if (!r.ok) throw new Error(r.errors.map(formatCsvError).join('\n'));
  return r.positions;
}

function errorsOf(c: Case, text: string) {
  const r = positionsFromCsv(c, text);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map(formatCsvError);
}

describe('positions CSV', () => {
  it('round-trips the shipped case exactly, quotes with commas and quotation marks included', () => {
    const csv = positionsToCsv(shipped);
    expect(csv.startsWith(`${HEADER}\r\n`)).toBe(true);
    expect(read(shipped, csv)).toEqual(shipped.positions);
  });

  it('round-trips generated cases with utility overrides (0 included), undated and empty statements', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const c = generateCase({ parties: 3, issues: 3, options: 3, scenarios: 0, seed });
        c.positions[0] = { ...c.positions[0]!, utilities: { [Object.keys(c.positions[0]!.stances)[0]!]: 0 } };
        // Undate a statement whose party has no other undated statement on that issue (one per date).
        const k = c.positions.findIndex((p, i) => i > 2 && !c.positions.some((q) => q !== p && q.party === p.party && q.issue === p.issue && q.date === undefined));
        const { date: _d, ...undated } = c.positions[k]!;
        c.positions[k] = undated;
        c.positions[2] = { ...c.positions[2]!, stances: {} };
        delete c.positions[2]!.utilities;
        expect(read(c, positionsToCsv(c))).toEqual(c.positions);
      }),
      { numRuns: 50 },
    );
  });

  it('text that looks like a formula is guarded on the way out and restored on the way in', () => {
    const c = structuredClone(shipped);
    c.positions[0]!.quote = '=HYPERLINK("x") and -5, +3';
    c.positions[1]!.quote = "'=already guarded";
    const csv = positionsToCsv(c);
    expect(csv).toContain(`"'=HYPERLINK(""x"") and -5, +3"`);
    expect(read(c, csv)).toEqual(c.positions);
  });

  it('reads a BOM, CRLF or LF, quoted line breaks, and Excel\'s semicolon files with decimal commas', () => {
    const p = shipped.positions[0]!;
    const o = Object.keys(p.stances)[0]!;
    const lf = `\ufeff${HEADER}\n${p.party},${p.issue},${p.date},4,${o},demand,,,"Line one\nline two, with ""quotes"""\n`;
    expect(read(shipped, lf)).toEqual([{ party: p.party, issue: p.issue, date: p.date, salience: 4, stances: { [o]: 'demand' }, quote: 'Line one\nline two, with "quotes"' }]);
    const excel = `\ufeff${HEADER.replaceAll(',', ';')}\r\n${p.party};${p.issue};${p.date};3;${o};;42,5;;\r\n`;
    expect(read(shipped, excel)).toEqual([{ party: p.party, issue: p.issue, date: p.date, salience: 3, stances: {}, utilities: { [o]: 42.5 } }]);
  });

  it('names every bad row by the row number a spreadsheet shows and its column', () => {
    const p = shipped.positions[0]!;
    const o = Object.keys(p.stances);
    const rows = [
      HEADER,
      `${p.party},${p.issue},${p.date},5,${o[0]},demand,,,`, // row 2: good
      `martians,${p.issue},${p.date},5,${o[0]},demand,,,`, // row 3: unknown party
      `${p.party},${p.issue},15/08/2025,5,${o[0]},demand,,,`, // row 4: reformatted date
      `${p.party},${p.issue},${p.date},7,${o[1]},demand,,,`, // row 5: salience out of range
      `${p.party},${p.issue},${p.date},5,${o[1]},maybe,,,`, // row 6: unknown stance
      `${p.party},${p.issue},${p.date},5,${o[1]},,150,,`, // row 7: utility out of range
      `${p.party},${p.issue},${p.date},4,${o[1]},oppose,,,`, // row 8: salience disagrees with row 2
      `${p.party},${p.issue},${p.date},5,${o[0]},oppose,,,`, // row 9: same option twice
      `${p.party},${p.issue},${p.date},5,nowhere,oppose,,,`, // row 10: unknown option
      `${p.party},nato,2025-01-01,5,,,,nosuch,`, // row 11: unknown source
    ];
    expect(errorsOf(shipped, rows.join('\r\n'))).toEqual([
      'row 3, column party (A): "martians" is not a party of this case (use the party\'s id)',
      'row 4, column date (C): "15/08/2025" is not a date written YYYY-MM-DD (a spreadsheet may have reformatted it: format the column as text)',
      'row 5, column salience (D): "7" must be a whole number from 1 to 5',
      'row 6, column stance (F): "maybe" must be one of demand, acceptable, neutral, oppose, red_line',
      'row 7, column utility (G): "150" must be a number from 0 to 100, or empty',
      'row 8, column salience (D): 4 differs from 5 in row 2, the first row of this statement',
      `row 9, column option (E): "${o[0]}" appears twice in the same statement (${p.party}, ${p.issue}, ${p.date})`,
      `row 10, column option (E): "nowhere" is not an option of issue "${p.issue}"`,
      'row 11, column source (H): "nosuch" is not a source of this case (use the source\'s id)',
    ]);
  });

  it('a record spanning several lines counts as one spreadsheet row', () => {
    const p = shipped.positions[0]!;
    const o = Object.keys(p.stances)[0]!;
    const text = `${HEADER}\n${p.party},${p.issue},${p.date},5,${o},demand,,,"two\nlines"\n${p.party},${p.issue},${p.date},5,${o},bad,,,"two\nlines"\n`;
    expect(errorsOf(shipped, text)).toEqual(['row 3, column stance (F): "bad" must be one of demand, acceptable, neutral, oppose, red_line']);
  });

  it('refuses a file without the header, or with a quote left open', () => {
    expect(errorsOf(shipped, 'party,issue\nrussia,nato\n')[0]).toMatch(/^row 1: the header must name the columns .* \(missing: date, salience, option, stance, utility, source, quote\)$/);
    expect(errorsOf(shipped, `${HEADER}\nrussia,nato,,5,x,demand,,,"open`)).toEqual(['row 1: a quoted cell is never closed (a " is missing)']);
  });

  it('readCsv keeps empty cells and trailing empty cells', () => {
    expect(readCsv('a,,c,\r\n,,,\r\n').rows).toEqual([['a', '', 'c', ''], ['', '', '', '']]);
  });
});
