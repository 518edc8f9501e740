// The edits of the crash-safety test and what a library may hold after a kill during them. Case
// "crash-gamma" is edited by `parley positions --import` (all of its statements at once) and by `parley
// serve` (edit: setCase of title and description together, putScenario); case "crash-delta" is deleted by
// `parley delete`. Each write takes its part of the case to one of a few known versions, so after any kill
// every part must be exactly one of them: never a mix of two, never half of a spreadsheet.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parseCaseText, serializeCase } from '../../../src-core/case-file.ts';
import type { EditInput } from '../../../src-core/edits.ts';
import type { Case, Scenario } from '../../../src-core/model.ts';
import { positionsFromCsv, positionsToCsv } from '../../../src-core/positions-csv.ts';
import { generateCase } from '../../fixtures/generate-case.ts';

export const GAMMA = 'crash-gamma';
export const DELTA = 'crash-delta';

function parsed(text: string): Case {
  const r = parseCaseText(text);
  if (!r.ok) throw new Error(`not a valid case: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return r.case;
}

/** Title and description, which one setCase edit changes together. */
const headOf = (c: { title: string; description?: string | null }) => JSON.stringify([c.title, c.description ?? null]);
const EDITED_SCENARIO = /^edit-scenario-\d$/;

export class CrashEdits {
  readonly gammaText: string;
  readonly deltaText: string;
  /** Spreadsheets of gamma's statements, one per version, for `parley positions --import`. */
  readonly positionFiles: string[] = [];
  private readonly gamma: Case;
  private readonly heads: { title: string; description: string | null }[];
  private readonly scenarios = new Map<string, Scenario[]>();
  private readonly allowedPositions = new Set<string>();
  private readonly allowedHeads: Set<string>;

  constructor(dir: string, seed: number, rnd: () => number) {
    this.gamma = parsed(serializeCase(generateCase({ parties: 8, issues: 24, options: 6, scenarios: 6, seed: seed + 11, id: GAMMA })));
    this.gammaText = serializeCase(this.gamma);
    this.deltaText = serializeCase(generateCase({ parties: 6, issues: 12, options: 5, scenarios: 4, seed: seed + 13, id: DELTA }));
    const g = this.gamma;
    for (let v = 0; v < 3; v++) {
      // Version 0 is the case's own; the others change every salience and drop some statements.
      const positions = v === 0 ? g.positions : g.positions.filter((_, i) => (i + v) % 7 !== 0).map((p) => ({ ...p, salience: ((p.salience + v) % 5) + 1 }));
      const csv = positionsToCsv({ ...g, positions });
      const file = path.join(dir, `${GAMMA}-positions-v${v}.csv`);
      fs.writeFileSync(file, csv);
      this.positionFiles.push(file);
      const r = positionsFromCsv(g, csv);
      if (!r.ok) throw new Error(`positions version ${v} does not import: ${JSON.stringify(r.errors.slice(0, 3))}`);
      this.allowedPositions.add(JSON.stringify(parsed(serializeCase({ ...g, positions: r.positions })).positions));
    }
    this.heads = [
      { title: g.title, description: g.description ?? null },
      { title: 'Gamma, edited once', description: 'A description written by the first edit.' },
      { title: 'Gamma, edited twice', description: null },
    ];
    this.allowedHeads = new Set(this.heads.map(headOf));
    for (let s = 0; s < 3; s++) {
      const versions = Array.from({ length: 3 }, (_, v): Scenario => ({
        id: `edit-scenario-${s}`,
        name: `Edited scenario ${s}, version ${v}`,
        terms: Object.fromEntries(g.issues.filter(() => rnd() < 0.6).map((i) => [i.id, i.options[Math.floor(rnd() * i.options.length)]!.id])),
      }));
      this.scenarios.set(`edit-scenario-${s}`, versions);
    }
  }

  /** An edit `parley serve` applies to gamma: a new title and description together, or a scenario version. */
  randomEdit(rnd: () => number): EditInput {
    if (rnd() < 0.5) {
      const h = this.heads[Math.floor(rnd() * this.heads.length)]!;
      return { op: 'setCase', title: h.title, description: h.description };
    }
    const versions = this.scenarios.get(`edit-scenario-${Math.floor(rnd() * 3)}`)!;
    return { op: 'putScenario', scenario: versions[Math.floor(rnd() * versions.length)]! };
  }

  /** Gamma as exported after a kill: every part one of its versions, the rest exactly the case imported. */
  checkGamma(exported: string, where: string): number {
    const c = parsed(exported);
    expect(this.allowedHeads.has(headOf(c)), `gamma's title and description are one edit's, together ${where}: ${headOf(c)}`).toBe(true);
    expect(this.allowedPositions.has(JSON.stringify(c.positions)), `gamma's statements are one whole spreadsheet ${where}`).toBe(true);
    const edited = c.scenarios.filter((s) => EDITED_SCENARIO.test(s.id));
    for (const s of edited) expect(this.scenarios.get(s.id), `scenario "${s.id}" is one of the versions put ${where}`).toContainEqual(s);
    const rest = { ...c, title: this.gamma.title, description: this.gamma.description, positions: this.gamma.positions, scenarios: c.scenarios.filter((s) => !EDITED_SCENARIO.test(s.id)) };
    expect(serializeCase(rest), `the rest of gamma is as imported ${where}`).toBe(this.gammaText);
    return edited.length;
  }
}
