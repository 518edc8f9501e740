export const SCANNER: string;
export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
}
export interface AllowEntry {
  issue: string;
  file: string;
  sample: string;
  reason: string;
}
export interface Verdict {
  failing: Finding[];
  allowed: Finding[];
  stale: AllowEntry[];
  problems: string[];
  others: Finding[];
}
/** RFC 4180 rows (quoted fields may hold commas, doubled quotes and line breaks). */
export function parseCsv(text: string): string[][];
export function readFindings(csv: string): Finding[];
export function judge(findings: Finding[], allowList: AllowEntry[]): Verdict;
export function summary(verdict: Verdict, electronVersion: string, seconds: number): string;
