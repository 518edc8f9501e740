// Writes a case patch (src-core/case-patch.ts) as the few row changes it stands for, so that an edit on a
// large case costs a handful of statements rather than rewriting the case. The caller runs it inside a
// transaction; foreign keys are deferred, so the order of the statements within it does not matter.
import type Database from 'better-sqlite3';
import { positionKey, type CasePatch, type ListPatch } from '../../src-core/case-patch.ts';
import { writeIncompatible } from './incompatible-rows.ts';
import { STANCES, type Position, type Scenario } from '../../src-core/model.ts';

type Statement = Database.Statement;

interface ListStatements {
  nextOrd: Statement;
  upsert: Statement;
  remove: Statement;
  order: Statement;
}

/**
 * The four statements a list of entities needs: next free place, insert-or-update by key (an update keeps the
 * row's place), delete by key, and set the place. `scope` are the key columns before `id` (the case, and the
 * issue for options); `fields` the columns an update overwrites.
 */
function listStatements(db: Database.Database, table: string, scope: string[], fields: string[]): ListStatements {
  const where = [...scope, 'id'].map((c) => `${c} = ?`).join(' AND ');
  const columns = [...scope, 'id', 'ord', ...fields];
  return {
    nextOrd: db.prepare(`SELECT coalesce(max(ord), -1) + 1 FROM ${table} WHERE ${scope.map((c) => `${c} = ?`).join(' AND ')}`).pluck(),
    upsert: db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
                        ON CONFLICT (${[...scope, 'id'].join(', ')}) DO UPDATE SET ${fields.map((f) => `${f} = excluded.${f}`).join(', ')}`),
    remove: db.prepare(`DELETE FROM ${table} WHERE ${where}`),
    order: db.prepare(`UPDATE ${table} SET ord = ? WHERE ${where}`),
  };
}

export class PatchWriter {
  private readonly s: Record<string, Statement>;
  private readonly parties: ListStatements;
  private readonly issues: ListStatements;
  private readonly options: ListStatements;
  private readonly sources: ListStatements;
  private readonly scenarios: ListStatements;

  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
    const p = (sql: string) => db.prepare(sql);
    this.parties = listStatements(db, 'parties', ['case_id'], ['name', 'color', 'reservation', 'description']);
    this.issues = listStatements(db, 'issues', ['case_id'], ['name', 'description', 'status_quo']);
    this.options = listStatements(db, 'options', ['case_id', 'issue_id'], ['label', 'description']);
    this.sources = listStatements(db, 'sources', ['case_id'], ['title', 'publisher', 'url', 'date']);
    this.scenarios = listStatements(db, 'scenarios', ['case_id'], ['name', 'description', 'source_id', 'saved', 'date']);
    this.s = {
      updateCase: p(`UPDATE cases SET title = @title, description = @description, as_of = @asOf, u_demand = @demand,
                       u_acceptable = @acceptable, u_neutral = @neutral, u_oppose = @oppose, u_red_line = @red_line,
                       unstated_utility = @unstatedUtility, updated_at = @updatedAt WHERE id = @id`),
      getCase: p('SELECT * FROM cases WHERE id = ?'),
      positionPk: p(`SELECT pk FROM positions WHERE case_id = ? AND party_id = ? AND issue_id = ? AND ifnull(date, '') = ?`).pluck(),
      nextPositionOrd: p('SELECT coalesce(max(ord), -1) + 1 FROM positions WHERE case_id = ?').pluck(),
      insertPosition: p(`INSERT INTO positions (case_id, ord, party_id, issue_id, salience, date, source_id, quote)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      updatePosition: p('UPDATE positions SET salience = ?, source_id = ?, quote = ? WHERE pk = ?'),
      deletePositionOptions: p('DELETE FROM position_options WHERE position_pk = ?'),
      insertPositionOption: p(`INSERT INTO position_options (position_pk, case_id, issue_id, option_id, stance, utility)
                               VALUES (?, ?, ?, ?, ?, ?)`),
      deletePosition: p('DELETE FROM positions WHERE pk = ?'),
      orderPosition: p('UPDATE positions SET ord = ? WHERE pk = ?'),
      deleteTerms: p('DELETE FROM scenario_terms WHERE case_id = ? AND scenario_id = ?'),
      insertTerm: p('INSERT INTO scenario_terms (case_id, scenario_id, issue_id, option_id, ord) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  /** Writes the patch for case `caseId`. Must run inside a transaction. */
  write(caseId: string, patch: CasePatch, updatedAt: string): void {
    const s = this.s;
    const row = s.getCase!.get(caseId) as Record<string, unknown>;
    const f = patch.fields ?? {};
    const pick = <T>(k: keyof typeof f, current: T): T | null => (k in f ? ((f[k] as T | null) ?? null) : current);
    const utilities = f.stanceUtilities ?? {
      demand: row.u_demand as number, acceptable: row.u_acceptable as number, neutral: row.u_neutral as number,
      oppose: row.u_oppose as number, red_line: row.u_red_line as number,
    };
    s.updateCase!.run({
      id: caseId,
      title: pick('title', row.title),
      description: pick('description', row.description),
      asOf: pick('asOf', row.as_of),
      ...utilities,
      unstatedUtility: pick('unstatedUtility', row.unstated_utility),
      updatedAt,
    });

    const { parties, issues, options, sources, scenarios } = this;
    this.list(patch.parties, parties, [caseId], (p) => [p.id, p.name, p.color ?? null, p.reservation, p.description ?? null]);
    this.list(patch.issues, issues, [caseId], (i) => [i.id, i.name, i.description ?? null, i.statusQuo ?? null]);
    for (const [issueId, o] of Object.entries(patch.options ?? {})) this.list(o, options, [caseId, issueId], (x) => [x.id, x.label, x.description ?? null]);
    this.list(patch.sources, sources, [caseId], (x) => [x.id, x.title, x.publisher ?? null, x.url ?? null, x.date ?? null]);
    this.positions(caseId, patch.positions);
    this.list(patch.scenarios, scenarios, [caseId], (sc) => [sc.id, sc.name, sc.description ?? null, sc.source ?? null, sc.saved ? 1 : 0, sc.date ?? null], (sc) => this.terms(caseId, sc));
    if (patch.incompatible) writeIncompatible(this.db, caseId, patch.incompatible);
  }

  /**
   * Removes, then upserts (a new entity goes after the existing ones; an existing one keeps its place), then
   * renumbers the whole list when the patch gives an order. `row` gives the id and the updated fields.
   */
  private list<T extends { id: string }>(patch: ListPatch<T> | undefined, st: ListStatements, scope: string[], row: (t: T) => unknown[], after?: (t: T) => void): void {
    if (!patch) return;
    for (const k of patch.remove ?? []) st.remove.run(...scope, k);
    let ord = patch.put?.length ? (st.nextOrd.get(...scope) as number) : 0;
    for (const t of patch.put ?? []) {
      const [id, ...fields] = row(t);
      st.upsert.run(...scope, id, ord++, ...fields);
      after?.(t);
    }
    patch.order?.forEach((k, i) => st.order.run(i, ...scope, k));
  }

  private positions(caseId: string, patch: ListPatch<Position> | undefined): void {
    if (!patch) return;
    const s = this.s;
    const pkOf = (key: string): number | undefined => {
      const [party, issue, date = ''] = key.split('|');
      return s.positionPk!.get(caseId, party, issue, date) as number | undefined;
    };
    for (const k of patch.remove ?? []) {
      const pk = pkOf(k);
      if (pk !== undefined) s.deletePosition!.run(pk);
    }
    let ord = patch.put?.length ? (s.nextPositionOrd!.get(caseId) as number) : 0;
    for (const pos of patch.put ?? []) {
      let pk = pkOf(positionKey(pos));
      if (pk === undefined) {
        pk = Number(s.insertPosition!.run(caseId, ord++, pos.party, pos.issue, pos.salience, pos.date ?? null, pos.source ?? null, pos.quote ?? null).lastInsertRowid);
      } else {
        s.updatePosition!.run(pos.salience, pos.source ?? null, pos.quote ?? null, pk);
        s.deletePositionOptions!.run(pk);
      }
      writeStances(s.insertPositionOption!, pk, caseId, pos);
    }
    patch.order?.forEach((k, i) => {
      const pk = pkOf(k);
      if (pk !== undefined) s.orderPosition!.run(i, pk);
    });
  }

  private terms(caseId: string, sc: Scenario): void {
    this.s.deleteTerms!.run(caseId, sc.id);
    Object.entries(sc.terms).forEach(([issueId, optionId], k) => this.s.insertTerm!.run(caseId, sc.id, issueId, optionId, k));
  }
}

/** One row per option a position states a stance or a utility for, in the position's own key order. */
export function writeStances(insert: Statement, pk: number | bigint, caseId: string, pos: Position): void {
  const optionIds = new Set([...Object.keys(pos.stances), ...Object.keys(pos.utilities ?? {})]);
  for (const optionId of optionIds) {
    const stance = pos.stances[optionId];
    if (stance !== undefined && !STANCES.includes(stance)) throw new Error(`unknown stance "${stance}"`);
    insert.run(pk, caseId, pos.issue, optionId, stance ?? null, pos.utilities?.[optionId] ?? null);
  }
}
