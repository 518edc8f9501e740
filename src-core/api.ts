// The one typed contract between the UI and the data side (DESIGN.md §6). Each method has a zod
// schema for its input; every transport (Electron IPC, HTTP) validates with these before calling the service.
import { z } from 'zod';
import type { ChangeLine } from './case-changes.ts';
import { editSchema } from './edits.ts';
import type { Case, CaseSummary, Scenario } from './model.ts';
import type { CsvRowError } from './positions-csv.ts';
import { DATE_PATTERN, ID_PATTERN } from './model.ts';
import type { API_METHOD_NAMES } from './api-methods.ts';
import { CHART_FORMATS, CHART_KINDS, MAX_COMPARED, SORT_KEYS } from './charts/chart-kinds.ts';
import { SEAT_METHODS, type ClassroomOutputs, type SeatMethod } from './classroom/inputs.ts';
import { MAX_ROUNDS } from './classroom/model.ts';
import { OBJECTIVE_KINDS } from './robustness/objective.ts';
import { MAX_JITTER, MAX_SAMPLES } from './robustness/settings.ts';

const id = z.string().regex(ID_PATTERN, 'must be 1–64 characters of a–z, 0–9 and "-"');

export const scenarioInput = z.strictObject({
  id,
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  date: z.string().regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD').optional(),
  description: z.string().max(4000, 'must be at most 4000 characters').optional(),
  terms: z.record(id, id),
  source: id.optional(),
});

/** The builder's unsaved scenario, compared and exported as scenario "adhoc" after the chosen ones. */
const adhocInput = z.strictObject({ name: scenarioInput.shape.name, terms: z.record(id, id) });
/** Scenario ids to compare, in order; empty means all of the case's (or only the ad-hoc one when given). */
const scenarioIdsInput = z.array(id).max(MAX_COMPARED, `at most ${MAX_COMPARED} scenarios can be compared`);
/** Positions as of this date; null for the latest; absent for the case's own as-of date. */
const asOfInput = z.string().regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD').nullable().optional();

/** The settings of a robustness analysis (DESIGN.md §12) behind the ranges and tornado charts and the report's robustness page. */
const robustnessInput = z.strictObject({
  objective: z.union([z.enum(OBJECTIVE_KINDS), z.templateLiteral(['party:', id])], { error: 'must be maximin, mean, nash or party:ID' }),
  samples: z.number().int().min(1, 'must be at least 1').max(MAX_SAMPLES, `must be at most ${MAX_SAMPLES}`),
  seed: z.number().int().min(0, 'must be at least 0').max(Number.MAX_SAFE_INTEGER, 'is too large'),
  salienceJitter: z.number().int().min(0, 'must be at least 0').max(MAX_JITTER, `must be at most ${MAX_JITTER}`),
  stanceFlip: z.number().min(0, 'must be at least 0').max(1, 'must be at most 1'),
});

/** 20 MB of case file text is far beyond any real case; larger input is refused before parsing. */
export const MAX_CASE_TEXT = 20 * 1024 * 1024;
const fileText = (what: string) => z.string().max(MAX_CASE_TEXT, `the ${what} is larger than 20 MB`);
const fileName = z.string().max(255, 'must be at most 255 characters').optional();

export const apiInputs = {
  listCases: z.strictObject({}),
  getCase: z.strictObject({ caseId: id }),
  /** `replaces`: the saved scenario this one is, renamed: it takes the new id in the old one's place (issue 13). */
  saveScenario: z.strictObject({ caseId: id, scenario: scenarioInput, replaces: id.optional() }),
  renameScenario: z.strictObject({ caseId: id, scenarioId: id, name: scenarioInput.shape.name }),
  deleteScenario: z.strictObject({ caseId: id, scenarioId: id }),
  importCase: z.strictObject({ content: fileText('case file'), replace: z.boolean().optional(), fileName }),
  previewImport: z.strictObject({ content: fileText('case file') }),
  exportCase: z.strictObject({ caseId: id }),
  exportChart: z.strictObject({
    caseId: id,
    kind: z.enum(CHART_KINDS),
    scenarioIds: scenarioIdsInput,
    adhoc: adhocInput.optional(),
    /** scatter: the x and y parties (default: the case's first two). */
    parties: z.tuple([id, id]).optional(),
    /** breakdown: the scenario shown (default: the first compared). */
    scenario: id.optional(),
    sortBy: z.enum(SORT_KEYS).optional(),
    format: z.enum(CHART_FORMATS),
    width: z.number().int().min(240, 'must be at least 240').max(4000, 'must be at most 4000').optional(),
    height: z.number().int().min(160, 'must be at least 160').max(12000, 'must be at most 12000').optional(),
    scale: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    theme: z.enum(['light', 'dark']).optional(),
    asOf: asOfInput,
    robustness: robustnessInput.optional(),
  }),
  exportReport: z.strictObject({
    caseId: id,
    scenarioIds: scenarioIdsInput,
    adhoc: adhocInput.optional(),
    asOf: asOfInput,
    /** The date printed on the report (default: the case's as-of date). */
    date: z.string().regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD').optional(),
    robustness: robustnessInput.optional(),
  }),
  edit: z.strictObject({ caseId: id, edit: editSchema }),
  undo: z.strictObject({ caseId: id }),
  redo: z.strictObject({ caseId: id }),
  history: z.strictObject({ caseId: id }),
  goToRevision: z.strictObject({ caseId: id, seq: z.number().int('must be a whole number').min(0, 'must be 0 or more') }),
  createCase: z.strictObject({ title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'), copyOf: id.optional() }),
  deleteCase: z.strictObject({ caseId: id }),
  deletedCases: z.strictObject({}),
  exportScenarios: z.strictObject({ caseId: id, scenarioIds: z.array(id).max(1000).optional() }),
  importScenarios: z.strictObject({ caseId: id, content: fileText('scenarios file'), dryRun: z.boolean().optional(), fileName }),
  exportPositions: z.strictObject({ caseId: id }),
  importPositions: z.strictObject({ caseId: id, content: fileText('spreadsheet'), dryRun: z.boolean().optional(), fileName }),
  /** `since`: the version from the caller's previous call. */
  libraryChanges: z.strictObject({ since: z.string().max(64, 'must be at most 64 characters').optional() }),
  /** The classroom on one machine (DESIGN.md §13, docs/classroom.md "Hot seat"): a simulation of a case in the library. */
  hotSeatCreate: z.strictObject({ caseId: id, roles: z.array(id).max(100, 'at most 100 roles').optional(), rounds: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_ROUNDS, `must be at most ${MAX_ROUNDS}`).optional() }),
  hotSeatList: z.strictObject({}),
  /** One classroom call from a seat (a role id, or null for the facilitator); `input` is checked by the classroom's own schema. */
  hotSeatCall: z.strictObject({ simulationId: z.string().regex(/^[0-9a-z]{1,32}$/, 'must be a simulation id'), seat: id.nullable(), method: z.enum(SEAT_METHODS), input: z.unknown() }),
} as const satisfies Record<(typeof API_METHOD_NAMES)[number], z.ZodType>;

export type ApiMethod = keyof typeof apiInputs;
export const API_METHODS = Object.keys(apiInputs) as ApiMethod[];
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiInputs)[M]>;

export interface ExportedCase {
  fileName: string;
  content: string;
}

/** An exported chart or report: the suggested file name, its type and its bytes in base64. */
export interface ExportedFile {
  fileName: string;
  mime: string;
  base64: string;
}

/** One entry of a case's history (DESIGN §10). */
export interface RevisionInfo {
  seq: number;
  /** ISO time of the edit. */
  at: string;
  summary: string;
  undone: boolean;
}

/** What undo and redo would do next, for menu items such as "Undo: Russia on NATO: salience 3 → 4". */
export interface UndoState {
  undo: string | null;
  redo: string | null;
}

/** The result of every write: the case as it now is (null once deleted), the revision written, and undo state. */
export interface CaseChange extends UndoState {
  caseId: string;
  case: Case | null;
  revision: RevisionInfo | null;
}

export interface ImportPreview {
  id: string;
  title: string;
  /** False: the case is new to the library and nothing is lost. */
  exists: boolean;
  /** What the import changes in the library's copy: its removed and changed lines are what will be lost. */
  changes: ChangeLine[];
  /** Scenarios saved in the app that stay. */
  keptScenarios: string[];
  /** Scenarios saved in the app that the file's scenario with the same id replaces. */
  replacedScenarios: string[];
  /** Terms dropped from kept scenarios, in words. */
  droppedTerms: string[];
}

export interface ScenarioImport extends CaseChange {
  madeFor: string;
  /** `renamedFrom`: the file's id, when the case already used it; `nameFrom`: the file's name, likewise. */
  added: { id: string; name: string; renamedFrom?: string; nameFrom?: string }[];
  skipped: string[];
  dryRun: boolean;
}

export interface PositionsImport extends CaseChange {
  dryRun: boolean;
  counts: { added: number; changed: number; removed: number };
  changes: ChangeLine[];
}

export interface ApiOutputs {
  listCases: CaseSummary[];
  getCase: Case;
  saveScenario: Case;
  renameScenario: Case;
  deleteScenario: Case;
  importCase: CaseSummary;
  exportCase: ExportedCase;
  exportChart: ExportedFile;
  exportReport: ExportedFile;
  previewImport: ImportPreview;
  edit: CaseChange;
  undo: CaseChange;
  redo: CaseChange;
  history: UndoState & { revisions: RevisionInfo[] };
  goToRevision: CaseChange;
  createCase: CaseChange;
  deleteCase: CaseChange;
  deletedCases: { id: string; title: string; deletedAt: string }[];
  exportScenarios: ExportedCase;
  importScenarios: ScenarioImport;
  exportPositions: ExportedCase;
  importPositions: PositionsImport;
  libraryChanges: LibraryChanges;
  hotSeatCreate: HotSeatSummary;
  hotSeatList: HotSeatSummary[];
  hotSeatCall: ClassroomOutputs[SeatMethod];
}

/** A stored simulation as the hot seat's set-up and hand-over screens show it: nothing of any role's numbers. */
export interface HotSeatSummary {
  id: string;
  caseId: string;
  title: string;
  /** In play order. */
  roles: { party: string; name: string }[];
  rounds: number;
  round: number;
  status: 'running' | 'agreed' | 'ended';
  createdAt: string;
}

/** Whether the library changed, by this program or another one (the CLI, a second window), since `since`. */
export interface LibraryChanges {
  /** Opaque; pass it back as `since` next time. */
  version: string;
  changed: boolean;
}

/** What the renderer sees as `window.parley` (Electron) or through the HTTP client (browser). */
export type ParleyApi = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutputs[M]> };

/** `referenced`: a deletion that other items refer to; `details` lists them, and the edit with `cascade` confirms it. */
/** `forbidden`: a classroom seat calling what only another seat may (a role calling a facilitator method). */
export type ApiErrorCode = 'invalid_input' | 'invalid_case' | 'invalid_file' | 'not_found' | 'conflict' | 'referenced' | 'forbidden' | 'internal';

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** For invalid input or an invalid case: each problem with its path. */
  details?: { path: string; message: string }[];
}

export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly details: ApiErrorBody['details'];
  constructor(code: ApiErrorCode, message: string, details?: ApiErrorBody['details']) {
    super(message);
    this.code = code;
    this.details = details;
  }
  toJSON(): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.details && { details: this.details }) };
  }
}

/** Validates a transport's raw input for a method; throws ApiError('invalid_input') naming each bad field. */
export function validateInput<M extends ApiMethod>(method: M, raw: unknown): z.output<(typeof apiInputs)[M]> {
  const schema = apiInputs[method];
  if (!schema) throw new ApiError('invalid_input', `unknown method "${String(method)}"`);
  const r = schema.safeParse(raw ?? {});
  if (r.success) return r.data as z.output<(typeof apiInputs)[M]>;
  // An unknown field is named by its own path, like every other problem.
  const details = r.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ path: [...i.path, k].map(String).join('.'), message: 'unknown field' })) : [{ path: i.path.map(String).join('.'), message: i.message }],
  );
  throw new ApiError('invalid_input', `invalid input for ${method}: ${details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ')}`, details);
}

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiInputs, name);
}

export type { Case, CaseSummary, ChangeLine, CsvRowError, Scenario };
