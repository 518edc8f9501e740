// The history of each case (DESIGN §10): one row per edit, written in the edit's own transaction, with
// what undo and redo need. History is linear: undo marks the latest done revision undone, redo clears the
// mark of the earliest undone one, and a new edit first drops the undone tail (it can no longer be redone).
import type Database from 'better-sqlite3';
import type { RevisionInfo } from '../../src-core/api.ts';
import type { CasePatch } from '../../src-core/case-patch.ts';
import type { Case } from '../../src-core/model.ts';

/** What a revision did: a patch (with its reverse), or a whole case created or deleted (with the case). */
export type { RevisionInfo };

export type Change =
  | { op: 'patch'; forward: CasePatch; inverse: CasePatch }
  | { op: 'create'; case: Case }
  | { op: 'delete'; case: Case };

export interface StoredRevision extends RevisionInfo {
  change: Change;
}

/** Revisions kept per case; older ones are dropped (they can no longer be undone). */
export const MAX_REVISIONS = 1000;

type Row = { seq: number; at: string; summary: string; undone: number; change?: string };
const info = (r: Row): RevisionInfo => ({ seq: r.seq, at: r.at, summary: r.summary, undone: r.undone === 1 });

export class RevisionRepository {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      list: p('SELECT seq, at, summary, undone FROM revisions WHERE case_id = ? ORDER BY seq'),
      lastDone: p('SELECT * FROM revisions WHERE case_id = ? AND undone = 0 ORDER BY seq DESC LIMIT 1'),
      lastDoneSummary: p('SELECT summary FROM revisions WHERE case_id = ? AND undone = 0 ORDER BY seq DESC LIMIT 1').pluck(),
      firstUndoneSummary: p('SELECT summary FROM revisions WHERE case_id = ? AND undone = 1 ORDER BY seq LIMIT 1').pluck(),
      firstUndone: p('SELECT * FROM revisions WHERE case_id = ? AND undone = 1 ORDER BY seq LIMIT 1'),
      dropUndone: p('DELETE FROM revisions WHERE case_id = ? AND undone = 1'),
      nextSeq: p('SELECT coalesce(max(seq), 0) + 1 FROM revisions WHERE case_id = ?').pluck(),
      insert: p('INSERT INTO revisions (case_id, seq, at, summary, change) VALUES (?, ?, ?, ?, ?)'),
      prune: p('DELETE FROM revisions WHERE case_id = ? AND seq <= ?'),
      mark: p('UPDATE revisions SET undone = ? WHERE case_id = ? AND seq = ?'),
      deletedCases: p(`SELECT r.case_id, r.at, r.change FROM revisions r
                       WHERE r.undone = 0 AND json_extract(r.change, '$.op') = 'delete'
                         AND r.seq = (SELECT max(seq) FROM revisions x WHERE x.case_id = r.case_id AND x.undone = 0)
                         AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = r.case_id)
                       ORDER BY r.at DESC`),
    };
  }

  list(caseId: string): RevisionInfo[] {
    return (this.s.list.all(caseId) as Row[]).map(info);
  }

  /** Appends a revision; call inside the edit's transaction. */
  append(caseId: string, summary: string, change: Change, at: string): RevisionInfo {
    this.s.dropUndone.run(caseId);
    const seq = this.s.nextSeq.get(caseId) as number;
    this.s.insert.run(caseId, seq, at, oneLine(summary), JSON.stringify(change));
    if (seq > MAX_REVISIONS) this.s.prune.run(caseId, seq - MAX_REVISIONS);
    return { seq, at, summary: oneLine(summary), undone: false };
  }

  /** The revision undo would reverse. */
  lastDone(caseId: string): StoredRevision | undefined {
    return stored(this.s.lastDone.get(caseId) as Row | undefined);
  }

  /** The revision redo would apply again. */
  firstUndone(caseId: string): StoredRevision | undefined {
    return stored(this.s.firstUndone.get(caseId) as Row | undefined);
  }

  /** What undo and redo would do next, without reading the stored changes. */
  nextSummaries(caseId: string): { undo: string | null; redo: string | null } {
    return { undo: (this.s.lastDoneSummary.get(caseId) as string | undefined) ?? null, redo: (this.s.firstUndoneSummary.get(caseId) as string | undefined) ?? null };
  }

  setUndone(caseId: string, seq: number, undone: boolean): void {
    this.s.mark.run(undone ? 1 : 0, caseId, seq);
  }

  /** Cases whose latest revision deleted them: what "restore a deleted case" offers. */
  deletedCases(): { id: string; title: string; deletedAt: string }[] {
    return (this.s.deletedCases.all() as { case_id: string; at: string; change: string }[]).map((r) => ({
      id: r.case_id,
      title: (JSON.parse(r.change) as { case: Case }).case.title,
      deletedAt: r.at,
    }));
  }
}

const oneLine = (s: string) => {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
};

function stored(r: Row | undefined): StoredRevision | undefined {
  return r && { ...info(r), change: JSON.parse(r.change!) as Change };
}
