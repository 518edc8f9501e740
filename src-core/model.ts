// The domain vocabulary of Parley. Every layer (store, CLI, server, UI, charts) speaks these types.

export const STANCES = ['demand', 'acceptable', 'neutral', 'oppose', 'red_line'] as const;
export type Stance = (typeof STANCES)[number];

export type StanceUtilities = Record<Stance, number>;

export const DEFAULT_STANCE_UTILITIES: Readonly<StanceUtilities> = Object.freeze({
  demand: 100,
  acceptable: 70,
  neutral: 50,
  oppose: 25,
  red_line: 0,
});
export const DEFAULT_UNSTATED_UTILITY = 50;
export const DEFAULT_RESERVATION = 50;

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface Party {
  id: string;
  name: string;
  /** `#rrggbb`; absent means "use the safe default palette". */
  color?: string;
  /** Minimum match (0–100) the party needs to find a deal acceptable. */
  reservation: number;
  description?: string;
}

export interface Option {
  id: string;
  label: string;
  description?: string;
}

export interface Issue {
  id: string;
  name: string;
  description?: string;
  /** Option that holds when a scenario says nothing about this issue. */
  statusQuo?: string;
  options: Option[];
}

export interface Source {
  id: string;
  title: string;
  publisher?: string;
  url?: string;
  date?: string;
}

export interface Position {
  party: string;
  issue: string;
  /** 1–5: how much the issue matters to the party. */
  salience: number;
  /** `YYYY-MM-DD`; undated counts as the earliest. */
  date?: string;
  stances: Record<string, Stance>;
  /** Numeric overrides (0–100) of the stance utilities, per option. */
  utilities?: Record<string, number>;
  source?: string;
  quote?: string;
}

export interface Scenario {
  id: string;
  name: string;
  /** `YYYY-MM-DD`: when the document was tabled; absent for scenarios built in the app. */
  date?: string;
  description?: string;
  /** issue id → option id; an issue left out is "not addressed". */
  terms: Record<string, string>;
  source?: string;
  /** Saved in the app rather than read from the case file: a re-import of the file keeps it. Never in a file. */
  saved?: boolean;
}

/**
 * A set of terms (one option each of two or more different issues) that cannot all hold at once,
 * e.g. Donetsk ceded to Russia together with a full Russian withdrawal (DESIGN.md §11).
 */
export interface IncompatibleTerms {
  /** issue id → option id */
  terms: Record<string, string>;
  reason: string;
  source?: string;
}

/** A case with every default filled in: what the engine, the store and the UI work on. */
export interface Case {
  id: string;
  title: string;
  description?: string;
  asOf?: string;
  stanceUtilities: StanceUtilities;
  unstatedUtility: number;
  parties: Party[];
  issues: Issue[];
  sources: Source[];
  positions: Position[];
  scenarios: Scenario[];
  /** Sets of terms that cannot all hold at once; empty when the case declares none. */
  incompatible: IncompatibleTerms[];
}

export interface CaseSummary {
  id: string;
  title: string;
  description?: string;
  parties: number;
  issues: number;
  scenarios: number;
  updatedAt?: string;
}
