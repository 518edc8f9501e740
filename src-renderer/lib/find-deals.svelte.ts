// What the Find deals view asks (objective, locks and exclusions, minimums, who must accept) and its last
// answer. The search itself runs in a worker (DealRunner) with the case snapshot the app already holds.
import type { Case } from '../../src-core/model.ts';
import type { Objective, SearchReport, SearchRequest } from '../../src-core/search/index.ts';
import { DealRunner } from './deal-runner.svelte.ts';
import type { Workspace } from './workspace.svelte.ts';

/** Lock of an issue: '' any option, '__none__' unaddressed, else an option id. */
export const UNADDRESSED = '__none__';

export class FindDeals {
  readonly ws: Workspace;
  objective = $state<Objective>('maximin');
  top = $state(10);
  lock = $state<Record<string, string>>({});
  /** issue → option ids removed */
  exclude = $state<Record<string, string[]>>({});
  /** Parties whose red lines may not be crossed. */
  guarded = $state<string[]>([]);
  acceptableTo = $state<string[]>([]);
  /** party → minimum match as typed ('' for none) */
  min = $state<Record<string, string>>({});
  report = $state.raw<SearchReport | null>(null);
  readonly runner = new DealRunner<SearchReport>();
  private caseId: string | null = null;

  constructor(ws: Workspace) {
    this.ws = ws;
  }

  /** Resets the question when another case is opened. */
  sync(c: Case): void {
    if (this.caseId === c.id) return;
    this.caseId = c.id;
    this.runner.cancel();
    this.objective = 'maximin';
    this.lock = {};
    this.exclude = {};
    this.guarded = c.parties.map((p) => p.id);
    this.acceptableTo = [];
    this.min = {};
    this.report = null;
  }

  request(c: Case): SearchRequest {
    const lock: Record<string, string | null> = {};
    for (const [issue, v] of Object.entries(this.lock)) if (v) lock[issue] = v === UNADDRESSED ? null : v;
    const exclude = Object.fromEntries(Object.entries(this.exclude).filter(([issue, ids]) => ids.length > 0 && !lock[issue] && lock[issue] !== null));
    const min: Record<string, number> = {};
    for (const [party, v] of Object.entries(this.min)) if (v.trim() !== '' && Number.isFinite(Number(v))) min[party] = Math.min(100, Math.max(0, Number(v)));
    const all = this.guarded.length === c.parties.length;
    return {
      objective: this.objective,
      top: Math.max(1, Math.min(50, Math.round(this.top) || 10)),
      lock,
      exclude,
      min,
      noRedLines: all ? 'all' : this.guarded.length === 0 ? 'none' : [...this.guarded],
      acceptableTo: [...this.acceptableTo],
    };
  }

  async run(): Promise<void> {
    const c = this.ws.current;
    if (!c) return;
    const report = await this.runner.run({ kind: 'search', case: c, request: this.request(c) });
    if (report) this.report = report;
  }

  toggleExcluded(issue: string, option: string, allowed: boolean): void {
    const now = new Set(this.exclude[issue] ?? []);
    if (allowed) now.delete(option);
    else now.add(option);
    this.exclude = { ...this.exclude, [issue]: [...now] };
  }

  /** How many issues have a lock or an exclusion, for the summary. */
  get restricted(): number {
    return Object.keys({ ...Object.fromEntries(Object.entries(this.lock).filter(([, v]) => v)), ...Object.fromEntries(Object.entries(this.exclude).filter(([, v]) => v.length)) }).length;
  }
}

export const objectiveLabel = (c: Case, o: Objective): string =>
  o === 'maximin' ? 'worst match' : o === 'mean' ? 'mean match' : o === 'nash' ? 'Nash product' : `match of ${c.parties.find((p) => `party:${p.id}` === o)?.name ?? o.slice(6)}`;
