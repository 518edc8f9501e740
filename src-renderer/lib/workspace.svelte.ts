// The open case and the scenario being built. Scoring runs here, locally, on every change
// (DESIGN.md §2): no round trip sits between a click and the chart.
import type { CaseChange } from '../../src-core/api.ts';
import type { Case, CaseSummary, Scenario } from '../../src-core/model.ts';
import { compileCase, explainScore, optionMarkers, scoreScenario } from '../../src-core/scoring.ts';
import { slugify as slugifyName, uniqueId } from '../../src-core/slug.ts';
import { changeDates } from '../../src-core/timeline.ts';
import { api, ApiCallError } from './api-client.ts';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  details?: string[];
  /** A button beside the message, e.g. Undo after deleting a case. */
  action?: { label: string; run: () => unknown };
}

export interface Draft {
  /** The saved scenario this draft was loaded from, if any. */
  loadedId: string | null;
  name: string;
  description: string;
  terms: Record<string, string>;
}

const emptyDraft = (): Draft => ({ loadedId: null, name: 'Untitled scenario', description: '', terms: {} });
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

  duplicate(): void {
    this.setDraft({ ...this.draft, loadedId: null, name: `${this.draft.name} (copy)` });
  }

  /** Saves the draft: over the scenario it was loaded from when that is a saved one, else as a new scenario. */
  async save(asNew = false): Promise<void> {
    const c = this.current;
    if (!c) return;
    const name = this.draft.name.trim();
    if (!name) {
      this.notice = { kind: 'error', text: 'Give the scenario a name before saving it.' };
      return;
    }
    const overwrite = !asNew && this.loadedScenario !== null && isUserScenario(this.loadedScenario);
    const id = overwrite ? this.loadedScenario!.id : uniqueId(slugify(name), c.scenarios.map((s) => s.id));
    const scenario: Scenario = { id, name, terms: { ...this.draft.terms }, ...(this.draft.description.trim() && { description: this.draft.description.trim() }) };
    await this.mutate(() => api.saveScenario({ caseId: c.id, scenario }), `Saved “${name}”.`);
    if (this.current?.scenarios.some((s) => s.id === id)) this.setDraft({ ...this.draft, name, loadedId: id });
  }

  async remove(s: Scenario): Promise<void> {
    const c = this.current;
    if (!c) return;
    await this.mutate(() => api.deleteScenario({ caseId: c.id, scenarioId: s.id }), `Deleted “${s.name}”.`);
    if (this.draft.loadedId === s.id) this.setDraft({ ...this.draft, loadedId: null });
  }

  async importCase(text: string, replace = false): Promise<boolean> {
    try {
      this.busy = true;
      const summary = await api.importCase({ content: text, replace });
      this.cases = await api.listCases({});
      await this.openCase(summary.id);
      this.notice = { kind: 'info', text: `Imported “${summary.title}”.` };
      return true;
    } catch (err) {
      if (err instanceof ApiCallError && err.code === 'conflict') throw err;
      this.fail(err, 'The file was not imported: ');
      return false;
    } finally {
      this.busy = false;
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

/** Scenarios saved in the app carry no source; the case's own proposals cite one. */
export const isUserScenario = (s: Scenario) => s.source === undefined;

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
