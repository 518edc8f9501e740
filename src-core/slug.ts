// Ids made from names: what the app proposes when a user adds a party, an issue, a scenario or a case.

/** Lower-case a–z, 0–9 and "-" from a name, at most 48 characters; `fallback` when nothing is left. */
export function slugify(name: string, fallback = 'item'): string {
  const s = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return s || fallback;
}

/** `base`, or `base-2`, `base-3`… whichever is not taken. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  for (let n = 2; ; n++) if (!set.has(`${base}-${n}`)) return `${base}-${n}`;
}

export const slugId = (name: string, taken: Iterable<string>, fallback?: string): string => uniqueId(slugify(name, fallback), taken);

/** `name`, or `name (2)`, `name (3)`… whichever is not taken: two scenarios never share a name. */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name} (${n})`)) return `${name} (${n})`;
}
