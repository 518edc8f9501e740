// CSV as spreadsheets read it: RFC 4180 quoting, CRLF line ends, and no cell a spreadsheet would run as a formula.

export type CsvValue = string | number | boolean | null;

export function csvCell(v: CsvValue): string {
  if (v === null) return '';
  const s = String(v);
  // Quote when needed, and neutralise leading characters spreadsheets would run as formulas.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of cells as CSV text; every line ends with CRLF. */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
