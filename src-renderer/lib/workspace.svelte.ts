// The open case and the scenario being built. Scoring runs here, locally, on every change
// (DESIGN.md §2): no round trip sits between a click and the chart.
import type { CaseChange } from '../../src-core/api.ts';
import type { Case, CaseSummary, Scenario } from '../../src-core/model.ts';
import { compileCase, explainScore, optionMarkers, scoreScenario } from '../../src-core/scoring.ts';
import { freeName, slugify as slugifyName, uniqueId } from '../../src-core/slug.ts';
import { changeDates } from '../../src-core/timeline.ts';
import { api, ApiCallError } from './api-client.ts';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  details?: string[];
  /** One thing to do about it, e.g. Undo. */
  action?: { label: string; run: () => unknown };
}

/** The builder asks for a name before saving a new scenario under a name the case already uses. */
export interface NameRequest {
  /** Why: the name of the case proposal being saved, or of the scenario whose name is taken. */
  proposal: string | null;
  taken: string;
  suggested: string;
}

export interface Draft {
  /** The saved scenario this draft was loaded from, if any. */
  loadedId: string | null;
  name: string;
  description: string;
  terms: Record<string, string>;
}

const UNTITLED = 'Untitled scenario';
const emptyDraft = (): Draft => ({ loadedId: null, name: UNTITLED, description: '', terms: {} });
const draftKey = (caseId: string) => `parley:draft:${caseId}`;

export const slugify = (name: string) => slugifyName(name, 'scenario');
export { uniqueId };

export class Workspace {
  cases = $state.raw<CaseSummary[]>([]);
  current = $state.raw<Case | null>(null);
  draft = $state.raw<Draft>(emptyDraft());
  /** The party whose score is explained. */
  focusParty = $state<string | null>(null);
  notice = $state.raw<Notice | null>(null);
  loading = $state(true);
  busy = $state(false);
  /** Positions as of this date in the builder and Compare; null for the latest. Starts at the case's own as-of date. */
  asOf = $state<string | null>(null);
  /** What Undo and Redo would do next (DESIGN §10), e.g. "Russia on NATO: salience 3 → 4". */
  undoLabel = $state<string | null>(null);
  redoLabel = $state<string | null>(null);
  /** Counts the case's changes, so views that list revisions know to reload them. */
  changes = $state(0);
  /** The library's version when this window last read it (see refreshIfChanged). */
  private libraryVersion: string | undefined;
  /** Set while the builder asks for a new scenario's name (see NameRequest). */
  naming = $state.raw<NameRequest | null>(null);
  private rekeyListeners = new Set<(from: string, to: string) => void>();

  compiled = $derived(this.current ? compileCase(this.current, this.asOf) : null);
  dates = $derived(this.current ? changeDates(this.current) : []);
  score = $derived(this.compiled ? scoreScenario(this.compiled, this.draft.terms, { contributions: false }) : null);
  markers = $derived(this.compiled ? optionMarkers(this.compiled) : null);
  explanation = $derived(this.compiled && this.focusParty ? explainScore(this.compiled, this.draft.terms, this.focusParty) : []);
  loadedScenario = $derived(this.current?.scenarios.find((s) => s.id === this.draft.loadedId) ?? null);
  dirty = $derived(isDirty(this.draft, this.loadedScenario));

  async init(): Promise<void> {
    this.loading = true;
    try {
      // Taken before reading, so a change made while we read is seen at the next check.
      this.libraryVersion = (await api.libraryChanges({})).version;
      this.cases = await api.listCases({});
      const remembered = localStorage.getItem('parley:case');
      const pick = this.cases.find((c) => c.id === remembered) ?? this.cases[0];
      if (pick) await this.openCase(pick.id);
    } catch (err) {
      this.fail(err);
    } finally {
      this.loading = false;
    }
  }

  async openCase(caseId: string): Promise<void> {
    try {
      const [c, history] = await Promise.all([api.getCase({ caseId }), api.history({ caseId })]);
      this.current = c;
      this.asOf = c.asOf ?? null;
      localStorage.setItem('parley:case', caseId);
      this.draft = restoreDraft(c) ?? emptyDraft();
      if (!this.focusParty || !c.parties.some((p) => p.id === this.focusParty)) this.focusParty = c.parties[0]?.id ?? null;
      this.undoLabel = history.undo;
      this.redoLabel = history.redo;
      this.changes++;
    } catch (err) {
      this.fail(err);
    }
  }

  /** Takes in the result of a write: the case as it now is, and what undo and redo would do next. The
   * builder, Compare and every editor read `current`, so they follow at once. */
  applyChange(change: CaseChange): void {
    this.undoLabel = change.undo;
    this.redoLabel = change.redo;
    this.changes++;
    const c = change.case;
    if (!c || c.id !== this.current?.id) return;
    this.current = c;
    const kept = keptTerms(c, this.draft.terms);
    if (Object.keys(kept).length !== Object.keys(this.draft.terms).length) this.setDraft({ ...this.draft, terms: kept });
    if (!c.parties.some((p) => p.id === this.focusParty)) this.focusParty = c.parties[0]?.id ?? null;
    if (this.asOf !== null && this.asOf !== c.asOf && !changeDates(c).includes(this.asOf)) this.asOf = c.asOf ?? null;
  }

  /** A new case, empty or a copy of another, opened at once. */
  async createCase(title: string, copyOf?: string): Promise<boolean> {
    try {
      this.busy = true;
      const change = await api.createCase({ title, ...(copyOf && { copyOf }) });
      this.cases = await api.listCases({});
      await this.openCase(change.caseId);
      this.notice = { kind: 'info', text: change.revision?.summary ?? `Created “${title}”.` };
      return true;
    } catch (err) {
      this.fail(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Deletes the open case; its history stays, so the notice offers Undo (and so does the list of deleted cases). */
  async deleteCase(): Promise<void> {
    const c = this.current;
    if (!c) return;
    try {
      this.busy = true;
      await api.deleteCase({ caseId: c.id });
      await this.caseGone(c.id);
      this.notice = { kind: 'info', text: `Deleted case “${c.title}”.`, action: { label: 'Undo', run: () => this.restoreCase(c.id) } };
    } catch (err) {
      this.fail(err);
    } finally {
      this.busy = false;
    }
  }

  /** Brings a deleted case back by undoing its deletion. */
  async restoreCase(caseId: string): Promise<void> {
    try {
      const change = await api.undo({ caseId });
      this.cases = await api.listCases({});
      await this.openCase(caseId);
      this.notice = { kind: 'info', text: `Restored case “${change.case?.title ?? caseId}”.` };
    } catch (err) {
      this.fail(err);
    }
  }

  /** After the open case was deleted (or undone out of existence): open another one, if any. */
  async caseGone(caseId: string): Promise<void> {
    this.cases = await api.listCases({});
    if (this.current?.id !== caseId) return;
    this.current = null;
    this.undoLabel = this.redoLabel = null;
    const next = this.cases[0];
    if (next) await this.openCase(next.id);
    else localStorage.removeItem('parley:case');
  }

  /** The undo state after a write that answers only the case (saving or deleting a scenario). */
  private async refreshUndo(caseId: string): Promise<void> {
    const h = await api.history({ caseId });
    this.undoLabel = h.undo;
    this.redoLabel = h.redo;
    this.changes++;
  }

  /**
   * Another program (the CLI, a second window) may have changed the library: when it did, the case list
   * and the open case are read again. The builder's draft is left exactly as it is.
   */
  async refreshIfChanged(): Promise<boolean> {
    if (this.loading || this.busy || this.libraryVersion === undefined) return false;
    try {
      const { version, changed } = await api.libraryChanges({ since: this.libraryVersion });
      this.libraryVersion = version;
      if (!changed) return false;
      this.cases = await api.listCases({});
      const open = this.current?.id;
      if (open && this.cases.some((c) => c.id === open)) {
        this.current = await api.getCase({ caseId: open });
        // The other program's edits are revisions too: Undo names them.
        await this.refreshUndo(open);
      }
      else if (this.cases[0]) {
        await this.openCase(this.cases[0].id);
        if (open) this.notice = { kind: 'info', text: `The case “${open}” was removed from the library by another program.` };
      } else this.current = null;
      return true;
    } catch (err) {
      this.fail(err);
      return false;
    }
  }

  private setDraft(d: Draft): void {
    this.draft = d;
    if (this.current) localStorage.setItem(draftKey(this.current.id), JSON.stringify(d));
  }

  setTerm(issueId: string, optionId: string | null): void {
    const terms = { ...this.draft.terms };
    if (optionId === null) delete terms[issueId];
    else terms[issueId] = optionId;
    this.setDraft({ ...this.draft, terms });
  }

  setName(name: string): void {
    this.setDraft({ ...this.draft, name });
  }

  setDescription(description: string): void {
    this.setDraft({ ...this.draft, description });
  }

  newScenario(): void {
    this.setDraft(emptyDraft());
  }

  loadScenario(s: Scenario): void {
    this.setDraft({ loadedId: s.id, name: s.name, description: s.description ?? '', terms: { ...s.terms } });
  }

  /** Puts found terms into the builder as a new unsaved scenario (from Find deals or Nearest acceptable). */
  useTerms(name: string, terms: Record<string, string>, description = ''): void {
    this.setDraft({ loadedId: null, name, description, terms: { ...terms } });
  }

  duplicate(): void {
    this.setDraft({ ...this.draft, loadedId: null, name: `${this.draft.name} (copy)` });
  }

  /** Called with (old id, new id) when a renamed scenario takes its new name's id. */
  onRekey(listener: (from: string, to: string) => void): void {
    this.rekeyListeners.add(listener);
  }

  /**
   * Saves the draft: over the saved scenario it was loaded from (a new name brings a new id), else as a new
   * scenario. A new scenario never silently takes a name the case already uses: a case proposal or a typed
   * name that is taken opens the name dialog (`naming`); the untouched default name is numbered.
   */
  async save(asNew = false): Promise<void> {
    const c = this.current;
    if (!c) return;
    const name = this.draft.name.trim();
    if (!name) {
      this.notice = { kind: 'error', text: 'Give the scenario a name before saving it.' };
      return;
    }
    const loaded = this.loadedScenario;
    if (!asNew && loaded?.saved) {
      if (name !== loaded.name && this.nameTaken(name, loaded.id)) return this.askName(null, name);
      await this.write(name, loaded);
      return;
    }
    if (loaded && !loaded.saved && (name === loaded.name || this.nameTaken(name))) return this.askName(loaded.name, name);
    if (this.nameTaken(name)) {
      if (name !== UNTITLED) return this.askName(null, name);
      await this.write(freeName(name, new Set(c.scenarios.map((s) => s.name))), null);
      return;
    }
    await this.write(name, null);
  }

  /** Saves the draft as a new scenario under the name chosen in the name dialog; returns why not, if not. */
  async saveAs(raw: string): Promise<string | null> {
    const name = raw.trim();
    if (!name) return 'Give the scenario a name.';
    if (this.nameTaken(name)) return `The case already has a scenario called “${name}”. Choose another name.`;
    this.naming = null;
    await this.write(name, null);
    return null;
  }

  private nameTaken(name: string, except?: string): boolean {
    return !!this.current?.scenarios.some((s) => s.name === name && s.id !== except);
  }

  private askName(proposal: string | null, taken: string): void {
    const names = new Set(this.current!.scenarios.map((s) => s.name));
    this.naming = { proposal, taken, suggested: freeName(proposal !== null && taken === proposal ? `${taken} (modified)` : taken, names) };
  }

  /** `over`: the saved scenario being overwritten; a new name gives it the new name's id (issue 13). */
  private async write(name: string, over: Scenario | null): Promise<void> {
    const c = this.current!;
    const others = c.scenarios.filter((s) => s.id !== over?.id).map((s) => s.id);
    const id = over && over.name === name ? over.id : uniqueId(slugify(name), others);
    const scenario: Scenario = { id, name, terms: { ...this.draft.terms }, ...(this.draft.description.trim() && { description: this.draft.description.trim() }) };
    const replaces = over && over.id !== id ? { replaces: over.id } : {};
    const done = over && over.name !== name ? `Saved “${name}” (was “${over.name}”).` : name === this.draft.name.trim() ? `Saved “${name}”.` : `Saved as “${name}”.`;
    await this.mutate(() => api.saveScenario({ caseId: c.id, scenario, ...replaces }), done);
    if (!this.current?.scenarios.some((s) => s.id === id)) return;
    this.setDraft({ ...this.draft, name, loadedId: id });
    if (over && over.id !== id) for (const l of this.rekeyListeners) l(over.id, id);
  }

  /** Deletes a scenario; the notice offers Undo. */
  async remove(s: Scenario): Promise<void> {
    const c = this.current;
    if (!c) return;
    try {
      this.busy = true;
      const change = await api.edit({ caseId: c.id, edit: { op: 'remove', target: { kind: 'scenario', id: s.id } } });
      this.current = change.case;
      this.cases = await api.listCases({});
      if (this.draft.loadedId === s.id) this.setDraft({ ...this.draft, loadedId: null });
      this.notice = { kind: 'info', text: `Deleted “${s.name}”.`, ...(change.revision && { action: this.undoAction(c.id, change.revision.seq) }) };
    } catch (err) {
      this.fail(err);
    } finally {
      this.busy = false;
    }
  }

  /** An Undo for revision `seq` of a case, refused if later changes were made since. */
  undoAction(caseId: string, seq: number): Notice['action'] {
    return { label: 'Undo', run: () => this.undoRevision(caseId, seq) };
  }

  async undoRevision(caseId: string, seq: number): Promise<void> {
    try {
      const h = await api.history({ caseId });
      const last = h.revisions.filter((r) => !r.undone).at(-1);
      if (last?.seq !== seq) {
        this.notice = { kind: 'error', text: 'This can no longer be undone here: other changes were made to the case since.' };
        return;
      }
      const change = await api.undo({ caseId });
      this.cases = await api.listCases({});
      if (this.current?.id === caseId) this.current = change.case;
      this.notice = { kind: 'info', text: `Undone: ${change.revision?.summary ?? 'the last change'}.` };
    } catch (err) {
      this.fail(err);
    }
  }

  private async mutate(call: () => Promise<Case>, done: string): Promise<void> {
    try {
      this.busy = true;
      this.current = await call();
      this.cases = await api.listCases({});
      await this.refreshUndo(this.current.id);
      this.notice = { kind: 'info', text: done };
    } catch (err) {
      this.fail(err);
    } finally {
      this.busy = false;
    }
  }

  fail(err: unknown, prefix = ''): void {
    const e = err as ApiCallError;
    this.notice = { kind: 'error', text: prefix + (e.message?.split('\n')[0] ?? String(err)), ...(e.details && { details: e.details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)) }) };
  }
}


function isDirty(d: Draft, loaded: Scenario | null): boolean {
  if (!loaded) return Object.keys(d.terms).length > 0 || d.description.trim() !== '';
  if (d.name !== loaded.name || d.description !== (loaded.description ?? '')) return true;
  const a = Object.entries(d.terms).sort().join('|');
  const b = Object.entries(loaded.terms).sort().join('|');
  return a !== b;
}

/** The terms whose issue and option the case still has. */
function keptTerms(c: Case, terms: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [i, o] of Object.entries(terms)) if (c.issues.find((x) => x.id === i)?.options.some((op) => op.id === o)) kept[i] = o;
  return kept;
}

function restoreDraft(c: Case): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(c.id));
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    if (typeof d.name !== 'string' || typeof d.terms !== 'object' || d.terms === null) return null;
    const terms = keptTerms(c, d.terms);
    return { loadedId: c.scenarios.some((s) => s.id === d.loadedId) ? d.loadedId : null, name: d.name, description: typeof d.description === 'string' ? d.description : '', terms };
  } catch {
    return null;
  }
}

export const workspace = new Workspace();
