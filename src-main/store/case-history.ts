// Every write to a case, as DESIGN §10 asks: the change and its revision commit in ONE transaction, and
// undo/redo replay the stored patches. Cases are kept in memory between calls so an edit on a large case
// does not re-read it; the copy is dropped whenever another connection (the CLI, a second window) has
// committed since (PRAGMA data_version), so two processes sharing a library never act on a stale case.
import type Database from 'better-sqlite3';
import type { CaseChange, UndoState } from '../../src-core/api.ts';
import { applyPatch, diffCases, isEmptyPatch } from '../../src-core/case-patch.ts';
import { CaseFileInvalid, parseCase, toCaseFile, validateEditedCase } from '../../src-core/case-file.ts';
import type { Case } from '../../src-core/model.ts';
import { CaseRepository, ConflictError, NotFoundError } from './case-repository.ts';
import { PatchWriter } from './patch-writer.ts';
import { RevisionRepository, type Change, type StoredRevision } from './revisions.ts';

export interface Edited {
  case: Case;
  summary: string;
}

const now = () => new Date().toISOString();

/** Validates a whole case with the case file's rules; throws CaseFileInvalid with path-named errors. */
export function assertValidCase(c: Case): void {
  const r = parseCase(toCaseFile(c));
  if (!r.ok) throw new CaseFileInvalid(r.errors);
}

export class CaseHistory {
  readonly revisions: RevisionRepository;
  private readonly writer: PatchWriter;
  private readonly cache = new Map<string, Case>();
  private seenVersion = -1;
  private readonly dataVersion: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly repo: CaseRepository,
  ) {
    this.revisions = new RevisionRepository(db);
    this.writer = new PatchWriter(db);
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  /** The case as stored; treat it as read-only (it is shared with later calls). */
  get(caseId: string): Case {
    this.dropIfStale();
    let c = this.cache.get(caseId);
    if (!c) {
      c = this.repo.get(caseId);
      this.cache.set(caseId, c);
    }
    return c;
  }

  /** Forgets cached copies, e.g. after a write that bypassed this class (seeding). */
  forget(caseId?: string): void {
    if (caseId === undefined) this.cache.clear();
    else this.cache.delete(caseId);
  }

  private dropIfStale(): void {
    const v = this.dataVersion.get() as number;
    if (v !== this.seenVersion) {
      this.cache.clear();
      this.seenVersion = v;
    }
  }

  /** Runs `fn` in an IMMEDIATE transaction (the write lock is taken first, so no other writer slips in). */
  private transact<T>(fn: () => T): T {
    let cacheOk = false;
    try {
      const out = this.db.transaction(fn).immediate();
      cacheOk = true;
      return out;
    } finally {
      if (!cacheOk) this.cache.clear();
    }
  }

  /**
   * Changes a case: `edit` gets the current case and returns the new one with a one-line summary. The
   * result is validated as a whole; only the difference is written, with its revision, in one transaction.
   */
  change(caseId: string, edit: (current: Case) => Edited): CaseChange {
    return this.transact(() => {
      const before = this.get(caseId);
      const { case: after, summary } = edit(before);
      const forward = diffCases(before, after);
      if (isEmptyPatch(forward)) return this.result(caseId, before, null);
      const errors = validateEditedCase(after, forward);
      if (errors.length) throw new CaseFileInvalid(errors);
      const at = now();
      this.writer.write(caseId, forward, at);
      const revision = this.revisions.append(caseId, summary, { op: 'patch', forward, inverse: diffCases(after, before) }, at);
      this.cache.set(caseId, after);
      return this.result(caseId, after, revision);
    });
  }

  /** Adds a whole case (a new case, a copy, or an import of a new id) as an undoable revision. */
  create(c: Case, summary: string): CaseChange {
    return this.transact(() => {
      if (this.repo.has(c.id)) throw new ConflictError(`a case with id "${c.id}" is already in the library`);
      assertValidCase(c);
      this.repo.insert(c);
      const revision = this.revisions.append(c.id, summary, { op: 'create', case: c }, now());
      this.cache.set(c.id, c);
      return this.result(c.id, c, revision);
    });
  }

  /** Deletes a case; its history stays, so the deletion can be undone. */
  remove(caseId: string): CaseChange {
    return this.transact(() => {
      const c = this.get(caseId);
      this.repo.delete(caseId);
      const revision = this.revisions.append(caseId, `Deleted case “${c.title}”`, { op: 'delete', case: c }, now());
      this.cache.delete(caseId);
      return this.result(caseId, null, revision);
    });
  }

  undo(caseId: string): CaseChange {
    return this.transact(() => {
      const r = this.revisions.lastDone(caseId);
      if (!r) throw new NotFoundError(`nothing to undo in case "${caseId}"`);
      const c = this.replay(caseId, r, 'back');
      this.revisions.setUndone(caseId, r.seq, true);
      return this.result(caseId, c, { ...r, undone: true });
    });
  }

  redo(caseId: string): CaseChange {
    return this.transact(() => {
      const r = this.revisions.firstUndone(caseId);
      if (!r) throw new NotFoundError(`nothing to redo in case "${caseId}"`);
      const c = this.replay(caseId, r, 'forward');
      this.revisions.setUndone(caseId, r.seq, false);
      return this.result(caseId, c, { ...r, undone: false });
    });
  }

  /** Undoes or redoes, in one transaction, until revision `seq` is the latest one in force (0: before the first). */
  goTo(caseId: string, seq: number): CaseChange {
    return this.transact(() => {
      let c: Case | null = this.repo.has(caseId) ? this.get(caseId) : null;
      let last: StoredRevision | undefined;
      for (let r = this.revisions.lastDone(caseId); r && r.seq > seq; r = this.revisions.lastDone(caseId)) {
        c = this.replay(caseId, r, 'back');
        this.revisions.setUndone(caseId, r.seq, true);
        last = r;
      }
      for (let r = this.revisions.firstUndone(caseId); r && r.seq <= seq; r = this.revisions.firstUndone(caseId)) {
        c = this.replay(caseId, r, 'forward');
        this.revisions.setUndone(caseId, r.seq, false);
        last = r;
      }
      return this.result(caseId, c, last ?? null);
    });
  }

  undoState(caseId: string): UndoState {
    return this.revisions.nextSummaries(caseId);
  }

  /** Applies a stored change backwards or forwards; returns the case as it then is (null: deleted). */
  private replay(caseId: string, r: { change: Change }, direction: 'back' | 'forward'): Case | null {
    const ch = r.change;
    const at = now();
    if (ch.op === 'patch') {
      const patch = direction === 'back' ? ch.inverse : ch.forward;
      const next = applyPatch(this.get(caseId), patch);
      this.writer.write(caseId, patch, at);
      this.cache.set(caseId, next);
      return next;
    }
    const bringBack = (ch.op === 'create') === (direction === 'forward');
    if (bringBack) {
      if (this.repo.has(caseId)) throw new ConflictError(`case "${caseId}" is in the library again; delete or rename it first`);
      this.repo.insert(ch.case);
      this.cache.set(caseId, ch.case);
      return ch.case;
    }
    this.repo.delete(caseId);
    this.cache.delete(caseId);
    return null;
  }

  private result(caseId: string, c: Case | null, revision: StoredRevision | CaseChange['revision']): CaseChange {
    const info = revision && { seq: revision.seq, at: revision.at, summary: revision.summary, undone: revision.undone };
    return { caseId, case: c, revision: info, ...this.undoState(caseId) };
  }
}
