// The one typed contract between the UI and the data side (DESIGN.md §6). Each method has a zod
// schema for its input; every transport (Electron IPC, HTTP) validates with these before calling the service.
import { z } from 'zod';
import type { Case, CaseSummary, Scenario } from './model.ts';
import { ID_PATTERN } from './model.ts';
import type { API_METHOD_NAMES } from './api-methods.ts';

const id = z.string().regex(ID_PATTERN, 'must be 1–64 characters of a–z, 0–9 and "-"');

export const scenarioInput = z.strictObject({
  id,
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  description: z.string().max(4000, 'must be at most 4000 characters').optional(),
  terms: z.record(id, id),
  source: id.optional(),
});

/** 20 MB of case file text is far beyond any real case; larger input is refused before parsing. */
export const MAX_CASE_TEXT = 20 * 1024 * 1024;

export const apiInputs = {
  listCases: z.strictObject({}),
  getCase: z.strictObject({ caseId: id }),
  saveScenario: z.strictObject({ caseId: id, scenario: scenarioInput }),
  renameScenario: z.strictObject({ caseId: id, scenarioId: id, name: scenarioInput.shape.name }),
  deleteScenario: z.strictObject({ caseId: id, scenarioId: id }),
  importCase: z.strictObject({
    content: z.string().max(MAX_CASE_TEXT, 'the case file is larger than 20 MB'),
    replace: z.boolean().optional(),
  }),
  exportCase: z.strictObject({ caseId: id }),
} as const satisfies Record<(typeof API_METHOD_NAMES)[number], z.ZodType>;

export type ApiMethod = keyof typeof apiInputs;
export const API_METHODS = Object.keys(apiInputs) as ApiMethod[];
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiInputs)[M]>;

export interface ExportedCase {
  fileName: string;
  content: string;
}

export interface ApiOutputs {
  listCases: CaseSummary[];
  getCase: Case;
  saveScenario: Case;
  renameScenario: Case;
  deleteScenario: Case;
  importCase: CaseSummary;
  exportCase: ExportedCase;
}

/** What the renderer sees as `window.parley` (Electron) or through the HTTP client (browser). */
export type ParleyApi = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutputs[M]> };

export type ApiErrorCode = 'invalid_input' | 'invalid_case' | 'not_found' | 'conflict' | 'internal';

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
  const details = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new ApiError('invalid_input', `invalid input for ${method}: ${details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ')}`, details);
}

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiInputs, name);
}

export type { Case, CaseSummary, Scenario };
