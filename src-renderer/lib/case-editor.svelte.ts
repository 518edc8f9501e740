// Editing the open case (DESIGN §10). Every field is checked as it is typed by applying the edit to the case
// here and validating the result with the case file's own rules, so the messages are the file's, named by
// path; a confirmed field is sent as one edit, and the answer replaces the workspace's case. Removing what
// other items refer to first shows them (found here with the api's own referencesTo, or the api's
// `referenced` error if the case moved meanwhile) and asks before cascading.
import { tick } from 'svelte';
import type { CaseChange, RevisionInfo } from '../../src-core/api.ts';
import { referencesTo, type EditInput, type Reference, type Target } from '../../src-core/edits.ts';
import { api, ApiCallError } from './api-client.ts';
import { checkEdit, messageFor } from './edit-check.ts';
import type { Workspace } from './workspace.svelte.ts';

export interface PendingRemoval {
  target: Target;
  label: string;
  references: Reference[];
}

export class CaseEditor {
  readonly ws: Workspace;
  /** A removal waiting for the user to confirm it, with what refers to the item. */
  pending = $state.raw<PendingRemoval | null>(null);
  saving = $state(false);
  // Writes go out one at a time, in the order they were made; each edit is built only when its turn comes,
  // from the case as the previous write left it, so two quick changes never undo one another.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(ws: Workspace) {
    this.ws = ws;
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await tick();
      return work();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The error `edit` would cause at `path`, or null when it can be saved. */
  problem(edit: EditInput, path: string): string | null {
    const c = this.ws.current;
    return c ? messageFor(checkEdit(c, edit), path) : 'no case is open';
  }

  /** What an EditField needs for the value at `path`: its check as typed, and its save once confirmed. */
  field(path: string, make: (value: string) => EditInput) {
    return { check: (v: string) => this.problem(make(v), path), save: (v: string) => this.commit(() => make(v)) };
  }

  /** Sends one edit, made by `make` when its turn comes; returns null when saved, else the reason (also shown as a notice). */
  commit(make: () => EditInput): Promise<string | null> {
    return this.inTurn(async () => {
      const c = this.ws.current;
      if (!c) return 'no case is open';
      const edit = make();
      const checked = checkEdit(c, edit);
      if (!checked.ok) return messageFor(checked, '');
      return this.run(() => api.edit({ caseId: c.id, edit }));
    });
  }

  /** Removes an item; when others refer to it, lists them and waits for confirmRemoval(). */
  remove(target: Target, label: string): Promise<void> {
    return this.inTurn(async () => {
      const c = this.ws.current;
      if (!c) return;
      const references = referencesTo(c, target);
      if (references.length) {
        this.pending = { target, label, references };
        return;
      }
      this.saving = true;
      try {
        this.ws.applyChange(await api.edit({ caseId: c.id, edit: { op: 'remove', target } }));
      } catch (err) {
        if (err instanceof ApiCallError && err.code === 'referenced') this.pending = { target, label, references: (err.details ?? []) as Reference[] };
        else this.ws.fail(err);
      } finally {
        this.saving = false;
      }
    });
  }

  async confirmRemoval(): Promise<void> {
    const p = this.pending;
    const c = this.ws.current;
    this.pending = null;
    if (p && c) await this.inTurn(() => this.run(() => api.edit({ caseId: c.id, edit: { op: 'remove', target: p.target, cascade: true } })));
  }

  undo(): Promise<unknown> {
    return this.inTurn(async () => {
      const c = this.ws.current;
      if (c && this.ws.undoLabel) await this.run(() => api.undo({ caseId: c.id }), (ch) => `Undone: ${ch.revision?.summary ?? ''}`);
    });
  }

  redo(): Promise<unknown> {
    return this.inTurn(async () => {
      const c = this.ws.current;
      if (c && this.ws.redoLabel) await this.run(() => api.redo({ caseId: c.id }), (ch) => `Redone: ${ch.revision?.summary ?? ''}`);
    });
  }

  /** Undoes or redoes until revision `seq` is the latest in force (0: before the first). */
  goTo(r: Pick<RevisionInfo, 'seq' | 'summary'> | null): Promise<unknown> {
    return this.inTurn(async () => {
      const c = this.ws.current;
      if (c) await this.run(() => api.goToRevision({ caseId: c.id, seq: r?.seq ?? 0 }), () => (r ? `Back to: ${r.summary}` : 'Back to before the first edit'));
    });
  }

  private async run(call: () => Promise<CaseChange>, done?: (ch: CaseChange) => string): Promise<string | null> {
    this.saving = true;
    try {
      const change = await call();
      this.ws.applyChange(change);
      if (change.case === null) await this.ws.caseGone(change.caseId);
      if (done) this.ws.notice = { kind: 'info', text: done(change) };
      return null;
    } catch (err) {
      this.ws.fail(err);
      const e = err as ApiCallError;
      return e.details?.[0] ? `${e.details[0].path}: ${e.details[0].message}` : (e.message ?? String(err));
    } finally {
      this.saving = false;
    }
  }
}
