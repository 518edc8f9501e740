// Counts in words, as every message, table and dialog prints them.

/** "1 scenario", "3 scenarios", "2 parties" (pass the plural when it is not `one` + "s"). */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
