// The open case and the scenario being built. Scoring runs here, locally, on every change
// (DESIGN.md §2): no round trip sits between a click and the chart.
import type { Case, CaseSummary, Scenario } from '../../src-core/model.ts';
import { compileCase, explainScore, optionMarkers, scoreScenario } from '../../src-core/scoring.ts';
import { slugify as slugifyName, uniqueId } from '../../src-core/slug.ts';
import { api, ApiCallError } from './api-client.ts';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  details?: string[];
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
  /** The library's version when this window last read it (see refreshIfChanged). */
  private libraryVersion: string | undefined;

  compiled = $derived(this.current ? compileCase(this.current, this.current.asOf ?? null) : null);
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
      const c = await api.getCase({ caseId });
      this.current = c;
      localStorage.setItem('parley:case', caseId);
      this.draft = restoreDraft(c) ?? emptyDraft();
      if (!this.focusParty || !c.parties.some((p) => p.id === this.focusParty)) this.focusParty = c.parties[0]?.id ?? null;
    } catch (err) {
      this.fail(err);
    }
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
      if (open && this.cases.some((c) => c.id === open)) this.current = await api.getCase({ caseId: open });
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

function restoreDraft(c: Case): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(c.id));
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    if (typeof d.name !== 'string' || typeof d.terms !== 'object' || d.terms === null) return null;
    // Keep only terms that still exist in the case.
    const terms: Record<string, string> = {};
    for (const [i, o] of Object.entries(d.terms)) if (c.issues.find((x) => x.id === i)?.options.some((op) => op.id === o)) terms[i] = o;
    return { loadedId: c.scenarios.some((s) => s.id === d.loadedId) ? d.loadedId : null, name: d.name, description: typeof d.description === 'string' ? d.description : '', terms };
  } catch {
    return null;
  }
}

export const workspace = new Workspace();
