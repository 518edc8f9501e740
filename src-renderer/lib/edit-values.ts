// Turning what is typed into a field into the value an edit carries, so the case file's rules judge it.

/** An optional text: empty means "not given". */
export const optionalText = (v: string): string | undefined => (v.trim() === '' ? undefined : v);

/** A number as typed: empty is "not given"; text that is not a number stays text, so the check says
 * "must be a number, not a string" rather than taking it for zero. */
export function numberValue(v: string): number | string | undefined {
  const t = v.trim().replace(',', '.');
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : v;
}

/** A copy of `o` with `key` set to `value`, or without `key` when the value is undefined. */
export function withField<T extends object, K extends keyof T>(o: T, key: K, value: T[K] | undefined): T {
  const out = { ...o };
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out;
}

export const text = (v: string | number | undefined | null): string => (v === undefined || v === null ? '' : String(v));

/** Today as YYYY-MM-DD in the user's time zone. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The day after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}
