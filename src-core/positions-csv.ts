// Positions as a spreadsheet (DESIGN §10): one row per stated option,
//   party,issue,date,salience,option,stance,utility,source,quote
// with ids (not names), `utility` empty unless overridden and `date` empty for an undated statement. Rows
// with the same party, issue and date form one statement. Reading reports every bad row by the row number a
// spreadsheet shows (the header is row 1) and its column, so a file is fixed in one pass.
import { csvText, readCsv, unguardCell, type CsvValue } from './csv.ts';
import { DATE_PATTERN, STANCES, type Case, type Position, type Stance } from './model.ts';

export const POSITION_COLUMNS = ['party', 'issue', 'date', 'salience', 'option', 'stance', 'utility', 'source', 'quote'] as const;
type Column = (typeof POSITION_COLUMNS)[number];

export interface CsvRowError {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  /** The column's name, or '' for a problem with the whole row. */
  column: Column | '';
  message: string;
}

export type PositionsCsvResult = { ok: true; positions: Position[] } | { ok: false; errors: CsvRowError[] };

/** The case's statements as CSV text, in case order. */
export function positionsToCsv(c: Case): string {
  const rows: CsvValue[][] = [[...POSITION_COLUMNS]];
  for (const p of c.positions) {
    const options = [...new Set([...Object.keys(p.stances), ...Object.keys(p.utilities ?? {})])];
    const common = (option: string | null) => [p.party, p.issue, p.date ?? null, p.salience, option, option === null ? null : (p.stances[option] ?? null), option === null ? null : (p.utilities?.[option] ?? null), p.source ?? null, p.quote ?? null];
    if (options.length === 0) rows.push(common(null));
    for (const o of options) rows.push(common(o));
  }
  return csvText(rows);
}

export function formatCsvError(e: CsvRowError): string {
  if (!e.column) return `row ${e.row}: ${e.message}`;
  const letter = String.fromCharCode(65 + POSITION_COLUMNS.indexOf(e.column));
  return `row ${e.row}, column ${e.column} (${letter}): ${e.message}`;
}

const isRealDate = (s: string) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

interface Group {
  position: Position;
  firstRow: number;
}

/** Reads positions CSV text for case `c`. Every problem is reported; nothing is returned unless all rows are good. */
export function positionsFromCsv(c: Case, text: string): PositionsCsvResult {
  let records: string[][];
  let decimalComma = false;
  try {
    const read = readCsv(text);
    records = read.rows;
    decimalComma = read.delimiter === ';';
  } catch (err) {
    return { ok: false, errors: [{ row: 1, column: '', message: (err as Error).message.replace(/^row \d+: /, '') }] };
  }
  const errors: CsvRowError[] = [];
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = POSITION_COLUMNS.filter((col) => !header.includes(col));
  if (records.length === 0 || missing.length > 0) {
    return { ok: false, errors: [{ row: 1, column: '', message: `the header must name the columns ${POSITION_COLUMNS.join(', ')}${missing.length && records.length ? ` (missing: ${missing.join(', ')})` : ''}` }] };
  }
  const unknown = header.filter((h) => h !== '' && !(POSITION_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) errors.push({ row: 1, column: '', message: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}` });
  const at = Object.fromEntries(POSITION_COLUMNS.map((col) => [col, header.indexOf(col)])) as Record<Column, number>;

  const parties = new Set(c.parties.map((p) => p.id));
  const issues = new Map(c.issues.map((i) => [i.id, new Set(i.options.map((o) => o.id))]));
  const sources = new Set(c.sources.map((s) => s.id));
  const groups = new Map<string, Group>();

  records.slice(1).forEach((cells, k) => {
    const row = k + 2;
    if (cells.every((x) => x.trim() === '')) return; // blank lines spreadsheets leave at the end
    const cell = (col: Column) => unguardCell(cells[at[col]] ?? '');
    const fail = (column: Column | '', message: string) => errors.push({ row, column, message });
    const before = errors.length;

    const party = cell('party').trim();
    if (!party) fail('party', 'is empty');
    else if (!parties.has(party)) fail('party', `"${party}" is not a party of this case (use the party's id)`);
    const issue = cell('issue').trim();
    const options = issues.get(issue);
    if (!issue) fail('issue', 'is empty');
    else if (!options) fail('issue', `"${issue}" is not an issue of this case (use the issue's id)`);
    const date = cell('date').trim();
    if (date && (!DATE_PATTERN.test(date) || !isRealDate(date))) {
      fail('date', `"${date}" is not a date written YYYY-MM-DD (a spreadsheet may have reformatted it: format the column as text)`);
    }
    const salienceText = cell('salience').trim();
    const salience = Number(salienceText);
    if (!/^[1-5]$/.test(salienceText)) fail('salience', `"${salienceText}" must be a whole number from 1 to 5`);
    const option = cell('option').trim();
    if (option && options && !options.has(option)) fail('option', `"${option}" is not an option of issue "${issue}"`);
    const stance = cell('stance').trim();
    if (stance && !(STANCES as readonly string[]).includes(stance)) fail('stance', `"${stance}" must be one of ${STANCES.join(', ')}`);
    const utilityText = cell('utility').trim();
    const utility = Number(decimalComma ? utilityText.replace(',', '.') : utilityText);
    if (utilityText && (!/^\d+([.,]\d+)?$/.test(utilityText) || !(utility >= 0 && utility <= 100))) fail('utility', `"${utilityText}" must be a number from 0 to 100, or empty`);
    if (option && !stance && !utilityText) fail('stance', `option "${option}" needs a stance or a utility`);
    if (!option && (stance || utilityText)) fail('option', 'is empty, but the row gives a stance or utility');
    const source = cell('source').trim();
    if (source && !sources.has(source)) fail('source', `"${source}" is not a source of this case (use the source's id)`);
    const quote = cell('quote');
    if (quote.length > 4000) fail('quote', 'must be at most 4000 characters');
    if (errors.length > before) return;

    const key = `${party}|${issue}|${date}`;
    let g = groups.get(key);
    if (!g) {
      const position: Position = { party, issue, salience, ...(date && { date }), stances: {}, ...(source && { source }), ...(quote && { quote }) };
      g = { position, firstRow: row };
      groups.set(key, g);
    } else {
      const p = g.position;
      const where = `row ${g.firstRow}, the first row of this statement`;
      if (p.salience !== salience) fail('salience', `${salience} differs from ${p.salience} in ${where}`);
      if ((p.source ?? '') !== source) fail('source', `"${source}" differs from "${p.source ?? ''}" in ${where}`);
      if ((p.quote ?? '') !== quote) fail('quote', `differs from the quote in ${where}`);
      if (!option || Object.keys(p.stances).length + Object.keys(p.utilities ?? {}).length === 0) {
        fail('option', `the statement already has a row ${option ? 'without an option' : 'of its own'} (${where})`);
      }
    }
    if (!option || errors.length > before) return;
    const p = g.position;
    if (p.stances[option] !== undefined || p.utilities?.[option] !== undefined) {
      fail('option', `"${option}" appears twice in the same statement (${party}, ${issue}, ${date || 'undated'})`);
      return;
    }
    if (stance) p.stances[option] = stance as Stance;
    if (utilityText) p.utilities = { ...p.utilities, [option]: utility };
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, positions: [...groups.values()].map((g) => g.position) };
}
