// Scenarios on their own (issue 13): a teacher collects the scenarios students saved, or an analyst passes a
// few to a colleague who has the same case. The file names the case it was made for; on import every
// scenario must fit the case it goes into, and one whose id is taken gets a new id rather than overwriting.
import { z } from 'zod';
import { formatPath, id, scenarioSchema, type CaseFileError } from './case-file.ts';
import type { Case, Scenario } from './model.ts';
import { freeName } from './slug.ts';

export const SCENARIO_FILE_FORMAT = 'parley-scenarios';

const scenarioFileSchema = z.strictObject({
  format: z.literal(SCENARIO_FILE_FORMAT, { error: `must be "${SCENARIO_FILE_FORMAT}"` }),
  version: z.literal(1, { error: 'must be 1' }),
  case: id,
  scenarios: z.array(scenarioSchema).max(1000, 'at most 1000 scenarios'),
});

export function serializeScenarios(c: Case, scenarios: readonly Scenario[]): string {
  const clean = scenarios.map(({ saved: _saved, ...s }) => s);
  return `${JSON.stringify({ format: SCENARIO_FILE_FORMAT, version: 1, case: c.id, scenarios: clean }, null, 2)}\n`;
}

export interface ScenarioImportPlan {
  /** The case the file was made for. */
  madeFor: string;
  /** `renamedFrom`: the file's id, when the case already uses it; `nameFrom`: the file's name, likewise. */
  added: { scenario: Scenario; renamedFrom?: string; nameFrom?: string }[];
  /** Scenarios already in the case exactly as in the file (whatever their id). */
  skipped: string[];
}

export type ScenarioImportResult = { ok: true; plan: ScenarioImportPlan } | { ok: false; errors: CaseFileError[] };

function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  const stem = base.slice(0, 58);
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

const sameScenario = (a: Scenario, b: Scenario) =>
  a.name === b.name && (a.description ?? '') === (b.description ?? '') && JSON.stringify(Object.entries(a.terms).sort()) === JSON.stringify(Object.entries(b.terms).sort());

/** Reads a scenarios file for case `c`: every error with its JSON path, or what the import will add. */
export function planScenarioImport(c: Case, text: string): ScenarioImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(err as Error).message}` }] };
  }
  const parsed = scenarioFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  const errors: CaseFileError[] = [];
  const options = new Map(c.issues.map((i) => [i.id, new Set(i.options.map((o) => o.id))]));
  parsed.data.scenarios.forEach((s, i) => {
    for (const [issue, option] of Object.entries(s.terms)) {
      const opts = options.get(issue);
      if (!opts) errors.push({ path: `scenarios[${i}].terms.${issue}`, message: `"${issue}" is not an issue of case "${c.id}"` });
      else if (!opts.has(option)) errors.push({ path: `scenarios[${i}].terms.${issue}`, message: `"${option}" is not an option of issue "${issue}"` });
    }
    if (s.source !== undefined && !c.sources.some((x) => x.id === s.source)) {
      errors.push({ path: `scenarios[${i}].source`, message: `"${s.source}" is not a source of case "${c.id}"` });
    }
  });
  if (errors.length) return { ok: false, errors };
  const taken = new Set(c.scenarios.map((s) => s.id));
  // Two scenarios under one name cannot be told apart in a list or a chart: a taken name gets a number.
  const names = new Set(c.scenarios.map((s) => s.name));
  const plan: ScenarioImportPlan = { madeFor: parsed.data.case, added: [], skipped: [] };
  for (const s of parsed.data.scenarios) {
    if (c.scenarios.some((x) => sameScenario(x, s)) || plan.added.some((a) => sameScenario({ ...a.scenario, name: a.nameFrom ?? a.scenario.name }, s))) {
      plan.skipped.push(s.name);
      continue;
    }
    const newId = uniqueId(s.id, taken);
    taken.add(newId);
    const name = freeName(s.name, names);
    names.add(name);
    plan.added.push({ scenario: { ...s, id: newId, name, saved: true }, ...(newId !== s.id && { renamedFrom: s.id }), ...(name !== s.name && { nameFrom: s.name }) });
  }
  return { ok: true, plan };
}
