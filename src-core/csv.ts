// CSV as spreadsheets read it: RFC 4180 quoting, CRLF line ends, and no cell a spreadsheet would run as a formula.

export type CsvValue = string | number | boolean | null;

export function csvCell(v: CsvValue): string {
  if (v === null) return '';
  const s = String(v);
  // Quote when needed, and neutralise leading characters spreadsheets would run as formulas. Text that
  // already starts with apostrophes before such a character gets one more, so readCsv's unescape is exact.
  const safe = /^'*[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of cells as CSV text; every line ends with CRLF. */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Undoes csvCell's formula guard: one leading apostrophe before a formula character is removed. */
export function unguardCell(s: string): string {
  return /^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

export interface CsvRecords {
  /** Cells of each record (a record may span several lines when a quoted cell holds line breaks). */
  rows: string[][];
  delimiter: ',' | ';';
}

/**
 * Reads CSV as spreadsheets write it: an optional UTF-8 byte order mark, RFC 4180 quoting, CRLF or LF line
 * ends, and a comma or (as Excel writes it in many European locales) a semicolon, told by the first line.
 * Cells come back as written, apostrophe guard included; a quote left open is an error naming its record.
 */
export function readCsv(text: string): CsvRecords {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  let recordStart = true;
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += ch;
      i++;
      continue;
    }
    recordStart = false;
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      recordStart = true;
      if (ch === '\r' && src[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (quoted) throw new Error(`row ${rows.length + 1}: a quoted cell is never closed (a " is missing)`);
  if (!recordStart || cell !== '') {
    row.push(cell);
    rows.push(row);
  }
  return { rows, delimiter };
}
