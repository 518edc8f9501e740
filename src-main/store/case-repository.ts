// Reading and writing whole cases and their scenarios. Every write is one transaction; every
// statement is prepared once per connection. Write transactions are IMMEDIATE: they take the write lock
// (waiting out the busy timeout) before reading, so a commit by another process between a read and the
// first write cannot fail them with "database is locked" (SQLite does not wait on a stale snapshot).
import type Database from 'better-sqlite3';
import { writeStances } from './patch-writer.ts';
import { type Case, type CaseSummary, type Position, type Scenario, type Stance } from '../../src-core/model.ts';

import { writeIncompatible } from './incompatible-rows.ts';
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}
export class ConflictError extends Error {
  override name = 'ConflictError';
}

type Row = Record<string, unknown>;
const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const now = () => new Date().toISOString();

export class CaseRepository {
  private readonly db: Database.Database;
  private readonly stmt;

  constructor(db: Database.Database) {
    this.db = db;
    const p = (sql: string) => db.prepare(sql);
    this.stmt = {
      list: p(`SELECT c.id, c.title, c.description, c.updated_at,
                 (SELECT count(*) FROM parties WHERE case_id = c.id) AS parties,
                 (SELECT count(*) FROM issues WHERE case_id = c.id) AS issues,
                 (SELECT count(*) FROM scenarios WHERE case_id = c.id) AS scenarios
               FROM cases c ORDER BY c.ord, c.id`),
      exists: p('SELECT 1 FROM cases WHERE id = ?').pluck(),
      nextOrd: p('SELECT coalesce(max(ord), -1) + 1 FROM cases').pluck(),
      getCase: p('SELECT * FROM cases WHERE id = ?'),
      parties: p('SELECT * FROM parties WHERE case_id = ? ORDER BY ord'),
      issues: p('SELECT * FROM issues WHERE case_id = ? ORDER BY ord'),
      options: p('SELECT * FROM options WHERE case_id = ? ORDER BY issue_id, ord'),
      sources: p('SELECT * FROM sources WHERE case_id = ? ORDER BY ord'),
      positions: p('SELECT * FROM positions WHERE case_id = ? ORDER BY ord'),
      // Stances and terms come back in the order they were written (the case file's order), so an
      // export reproduces the imported file: rows of one position are inserted in order, so rowid keeps it.
      positionOptions: p(`SELECT po.position_pk, po.option_id, po.stance, po.utility FROM position_options po
                          WHERE po.case_id = ? ORDER BY po.position_pk, po.rowid`),
      scenarios: p('SELECT * FROM scenarios WHERE case_id = ? ORDER BY ord'),
      terms: p(`SELECT t.scenario_id, t.issue_id, t.option_id FROM scenario_terms t
                WHERE t.case_id = ? ORDER BY t.scenario_id, t.ord`),
      incompatible: p('SELECT ord, reason, source_id FROM incompatible_entries WHERE case_id = ? ORDER BY ord'),
      incompatibleTerms: p('SELECT entry_ord, issue_id, option_id FROM incompatible_terms WHERE case_id = ? ORDER BY entry_ord, rowid'),
      deleteCase: p('DELETE FROM cases WHERE id = ?'),
      insertCase: p(`INSERT INTO cases (id, ord, title, description, as_of, u_demand, u_acceptable, u_neutral, u_oppose, u_red_line,
                       unstated_utility, created_at, updated_at)
                     VALUES (@id, @ord, @title, @description, @asOf, @demand, @acceptable, @neutral, @oppose, @red_line,
                       @unstatedUtility, @createdAt, @updatedAt)`),
      insertParty: p(`INSERT INTO parties (case_id, id, ord, name, color, reservation, description)
                      VALUES (?, ?, ?, ?, ?, ?, ?)`),
      insertIssue: p('INSERT INTO issues (case_id, id, ord, name, description, status_quo) VALUES (?, ?, ?, ?, ?, ?)'),
      insertOption: p('INSERT INTO options (case_id, issue_id, id, ord, label, description) VALUES (?, ?, ?, ?, ?, ?)'),
      insertSource: p('INSERT INTO sources (case_id, id, ord, title, publisher, url, date) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertPosition: p(`INSERT INTO positions (case_id, ord, party_id, issue_id, salience, date, source_id, quote)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertPositionOption: p(`INSERT INTO position_options (position_pk, case_id, issue_id, option_id, stance, utility)
                               VALUES (?, ?, ?, ?, ?, ?)`),
      insertScenario: p('INSERT INTO scenarios (case_id, id, ord, name, description, source_id, saved, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      insertTerm: p('INSERT INTO scenario_terms (case_id, scenario_id, issue_id, option_id, ord) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  list(): CaseSummary[] {
    return (this.stmt.list.all() as Row[]).map((r) => ({
      id: r.id as string,
      title: r.title as string,
      ...(r.description !== null && { description: r.description as string }),
      parties: r.parties as number,
      issues: r.issues as number,
      scenarios: r.scenarios as number,
      updatedAt: r.updated_at as string,
    }));
  }

  has(id: string): boolean {
    return this.stmt.exists.get(id) !== undefined;
  }

  /** The whole case, or NotFoundError. Reads run in one transaction so they see one consistent state. */
  get(id: string): Case {
    return this.db.transaction(() => this.read(id))();
  }

  private read(id: string): Case {
    const c = this.stmt.getCase.get(id) as Row | undefined;
    if (!c) throw new NotFoundError(`no case "${id}" in the library`);
    const optionsByIssue = new Map<string, Case['issues'][number]['options']>();
    for (const o of this.stmt.options.all(id) as Row[]) {
      const list = optionsByIssue.get(o.issue_id as string) ?? [];
      list.push({ id: o.id as string, label: o.label as string, ...(o.description !== null && { description: o.description as string }) });
      optionsByIssue.set(o.issue_id as string, list);
    }
    const stancesByPosition = new Map<number, { stances: Record<string, Stance>; utilities: Record<string, number> }>();
    for (const r of this.stmt.positionOptions.all(id) as Row[]) {
      const pk = r.position_pk as number;
      let entry = stancesByPosition.get(pk);
      if (!entry) stancesByPosition.set(pk, (entry = { stances: {}, utilities: {} }));
      if (r.stance !== null) entry.stances[r.option_id as string] = r.stance as Stance;
      if (r.utility !== null) entry.utilities[r.option_id as string] = r.utility as number;
    }
    const termsByScenario = new Map<string, Record<string, string>>();
    for (const t of this.stmt.terms.all(id) as Row[]) {
      const terms = termsByScenario.get(t.scenario_id as string) ?? {};
      terms[t.issue_id as string] = t.option_id as string;
      termsByScenario.set(t.scenario_id as string, terms);
    }
    return {
      id,
      title: c.title as string,
      ...(c.description !== null && { description: c.description as string }),
      ...(c.as_of !== null && { asOf: c.as_of as string }),
      stanceUtilities: {
        demand: c.u_demand as number,
        acceptable: c.u_acceptable as number,
        neutral: c.u_neutral as number,
        oppose: c.u_oppose as number,
        red_line: c.u_red_line as number,
      },
      unstatedUtility: c.unstated_utility as number,
      parties: (this.stmt.parties.all(id) as Row[]).map((r) => ({
        id: r.id as string,
        name: r.name as string,
        ...(r.color !== null && { color: r.color as string }),
        reservation: r.reservation as number,
        ...(r.description !== null && { description: r.description as string }),
      })),
      issues: (this.stmt.issues.all(id) as Row[]).map((r) => ({
        id: r.id as string,
        name: r.name as string,
        ...(r.description !== null && { description: r.description as string }),
        ...(r.status_quo !== null && { statusQuo: r.status_quo as string }),
        options: optionsByIssue.get(r.id as string) ?? [],
      })),
      sources: (this.stmt.sources.all(id) as Row[]).map((r) => ({
        id: r.id as string,
        title: r.title as string,
        ...(r.publisher !== null && { publisher: r.publisher as string }),
        ...(r.url !== null && { url: r.url as string }),
        ...(r.date !== null && { date: r.date as string }),
      })),
      positions: (this.stmt.positions.all(id) as Row[]).map((r): Position => {
        const so = stancesByPosition.get(r.pk as number) ?? { stances: {}, utilities: {} };
        return {
          party: r.party_id as string,
          issue: r.issue_id as string,
          salience: r.salience as number,
          ...(r.date !== null && { date: r.date as string }),
          stances: so.stances,
          ...(Object.keys(so.utilities).length > 0 && { utilities: so.utilities }),
          ...(r.source_id !== null && { source: r.source_id as string }),
          ...(r.quote !== null && { quote: r.quote as string }),
        };
      }),
      scenarios: (this.stmt.scenarios.all(id) as Row[]).map((r) => ({
        id: r.id as string,
        name: r.name as string,
        ...(r.date !== null && { date: r.date as string }),
        ...(r.description !== null && { description: r.description as string }),
        terms: termsByScenario.get(r.id as string) ?? {},
        ...(r.source_id !== null && { source: r.source_id as string }),
        ...(r.saved === 1 && { saved: true }),
      })),
      incompatible: this.readIncompatible(id),
    };
  }

  private readIncompatible(caseId: string): Case['incompatible'] {
    const termsByEntry = new Map<number, Record<string, string>>();
    for (const t of this.stmt.incompatibleTerms.all(caseId) as Row[]) {
      const terms = termsByEntry.get(t.entry_ord as number) ?? {};
      terms[t.issue_id as string] = t.option_id as string;
      termsByEntry.set(t.entry_ord as number, terms);
    }
    return (this.stmt.incompatible.all(caseId) as Row[]).map((r) => ({
      terms: termsByEntry.get(r.ord as number) ?? {},
      reason: r.reason as string,
      ...(r.source_id !== null && { source: r.source_id as string }),
    }));
  }

  /**
   * Adds a validated case in one transaction. An existing case with the same id is a ConflictError
   * unless `replace` is set, in which case it is replaced whole (keeping its place in the list).
   */
  insert(c: Case, { replace = false } = {}): void {
    this.db.transaction(() => {
      let ord = this.stmt.nextOrd.get() as number;
      const existing = this.stmt.getCase.get(c.id) as Row | undefined;
      if (existing) {
        if (!replace) throw new ConflictError(`a case with id "${c.id}" is already in the library (import with --replace to overwrite it)`);
        ord = existing.ord as number;
        this.stmt.deleteCase.run(c.id);
      }
      this.write(c, ord, (existing?.created_at as string | undefined) ?? now());
    }).immediate();
  }

  private write(c: Case, ord: number, createdAt: string): void {
    const s = this.stmt;
    s.insertCase.run({
      id: c.id, ord, title: c.title, description: c.description ?? null, asOf: c.asOf ?? null,
      ...c.stanceUtilities, unstatedUtility: c.unstatedUtility, createdAt, updatedAt: now(),
    });
    c.parties.forEach((p, i) => s.insertParty.run(c.id, p.id, i, p.name, p.color ?? null, p.reservation, p.description ?? null));
    c.issues.forEach((issue, i) => {
      s.insertIssue.run(c.id, issue.id, i, issue.name, issue.description ?? null, issue.statusQuo ?? null);
      issue.options.forEach((o, k) => s.insertOption.run(c.id, issue.id, o.id, k, o.label, o.description ?? null));
    });
    c.sources.forEach((src, i) => s.insertSource.run(c.id, src.id, i, src.title, src.publisher ?? null, src.url ?? null, src.date ?? null));
    c.positions.forEach((pos, i) => {
      const pk = s.insertPosition.run(c.id, i, pos.party, pos.issue, pos.salience, pos.date ?? null, pos.source ?? null, pos.quote ?? null).lastInsertRowid;
      writeStances(s.insertPositionOption, pk, c.id, pos);
    });
    c.scenarios.forEach((sc, i) => this.writeScenario(c.id, sc, i));
    writeIncompatible(this.db, c.id, c.incompatible);
  }

  private writeScenario(caseId: string, sc: Scenario, ord: number): void {
    this.stmt.insertScenario.run(caseId, sc.id, ord, sc.name, sc.description ?? null, sc.source ?? null, sc.saved ? 1 : 0, sc.date ?? null);
    Object.entries(sc.terms).forEach(([issueId, optionId], k) => this.stmt.insertTerm.run(caseId, sc.id, issueId, optionId, k));
  }

  delete(id: string): void {
    this.db.transaction(() => {
      if (this.stmt.deleteCase.run(id).changes === 0) throw new NotFoundError(`no case "${id}" in the library`);
    }).immediate();
  }
}
