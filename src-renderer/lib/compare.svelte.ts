// What the Compare view shows: which scenarios, which chart, and its options. Scores come from the
// same core functions as everywhere else; exported files come from the data side (one export path
// for the app and the CLI).
import { MAX_COMPARED, SINGLE_SCENARIO_KINDS, type CompareKind, type SortKey } from '../../src-core/charts/index.ts';
import { compareData } from '../../src-core/charts/compare-data.ts';
import { withTimeline } from '../../src-core/charts/timeline-chart.ts';
import type { Case, Scenario } from '../../src-core/model.ts';
import type { FrontierReport } from '../../src-core/search/index.ts';
import { api } from './api-client.ts';
import { DealRunner } from './deal-runner.svelte.ts';
import { saveFile } from './files.ts';
import { robustnessChoices } from './robustness.svelte.ts';
import type { Workspace } from './workspace.svelte.ts';

export const DRAFT_ID = '__draft__';

export type ExportFormat = 'svg' | 'png-1' | 'png-2' | 'png-3' | 'pdf' | 'csv';
export const EXPORT_FORMATS: { id: ExportFormat; label: string }[] = [
  { id: 'svg', label: 'SVG (vector)' },
  { id: 'png-1', label: 'PNG 1×' },
  { id: 'png-2', label: 'PNG 2×' },
  { id: 'png-3', label: 'PNG 3×' },
  { id: 'pdf', label: 'PDF (vector)' },
  { id: 'csv', label: 'CSV (the numbers)' },
];

export function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export class CompareState {
  readonly ws: Workspace;
  kind = $state<CompareKind>('heatmap');
  /** Chosen scenario ids, in case order; DRAFT_ID stands for the builder's current terms. */
  chosen = $state.raw<string[]>([]);
  sortBy = $state<SortKey>('worst');
  xParty = $state<string | null>(null);
  yParty = $state<string | null>(null);
  breakdownScenario = $state<string | null>(null);
  format = $state<ExportFormat>('png-2');
  /** Exported charts are light (ready for a printed report) unless dark is chosen, whatever the app's theme. */
  exportTheme = $state<'light' | 'dark'>('light');
  exporting = $state(false);
  /** The chart's numbers as a table instead of the chart. */
  asTable = $state(false);
  /** The exact frontier of all packages for the scatter's two parties, computed in a worker. */
  frontier = $state.raw<{ of: Case; x: string; y: string; points: [number, number][] } | null>(null);
  readonly frontierRunner = new DealRunner<FrontierReport>();
  private chosenFor: string | null = null;

  constructor(ws: Workspace) {
    this.ws = ws;
    // A renamed scenario takes a new id: it stays chosen.
    ws.onRekey((from, to) => {
      this.chosen = this.chosen.map((id) => (id === from ? to : id));
      if (this.breakdownScenario === from) this.breakdownScenario = to;
    });
  }

  /** Every scenario that can be compared: the case's, then the builder's draft. */
  available = $derived.by((): Scenario[] => {
    const c = this.ws.current;
    if (!c) return [];
    return [...c.scenarios, { id: DRAFT_ID, name: `Current draft: ${this.ws.draft.name}`, terms: this.ws.draft.terms }];
  });

  selected = $derived(this.available.filter((s) => this.chosen.includes(s.id)));

  data = $derived.by(() => {
    const c = this.ws.current;
    if (!c || this.selected.length === 0) return null;
    const data = compareData(c, this.selected, this.ws.asOf);
    return this.kind === 'timeline' ? withTimeline(data, c, this.chartOptions()) : data;
  });

  /** Why there is no chart to show (and so none to export), or null when there is one. */
  chartReason = $derived.by((): string | null => {
    if (this.chosen.length > MAX_COMPARED) return `Choose at most ${MAX_COMPARED} scenarios.`;
    const one = SINGLE_SCENARIO_KINDS.includes(this.kind);
    if (!this.data || this.selected.length < (one ? 1 : 2)) return `Choose at least ${one ? 'one scenario' : 'two scenarios'} on the left to draw this chart.`;
    return null;
  });

  /** The scatter's parties: choosing the other axis's party swaps the two, so a party is never plotted against itself. */
  setParty(axis: 'x' | 'y', id: string): void {
    const [mine, other] = axis === 'x' ? [this.xParty, this.yParty] : [this.yParty, this.xParty];
    const swapped = id === other ? mine : other;
    if (axis === 'x') [this.xParty, this.yParty] = [id, swapped];
    else [this.yParty, this.xParty] = [id, swapped];
  }

  /** Defaults when a case is opened: all of its scenarios (up to 20) and its first two parties. */
  sync(): void {
    const c = this.ws.current;
    if (!c || this.chosenFor === c.id) return;
    this.chosenFor = c.id;
    this.chosen = c.scenarios.slice(0, MAX_COMPARED).map((s) => s.id);
    this.xParty = c.parties[0]?.id ?? null;
    this.yParty = c.parties[1]?.id ?? c.parties[0]?.id ?? null;
    this.breakdownScenario = null;
  }

  toggle(id: string, on: boolean): void {
    const set = new Set(this.chosen);
    if (on) set.add(id);
    else set.delete(id);
    this.chosen = this.available.map((s) => s.id).filter((x) => set.has(x));
  }

  /** Starts computing the frontier for the scatter's parties unless it is known or being computed. */
  async updateFrontier(): Promise<void> {
    const c = this.ws.current;
    if (!c || this.kind !== 'scatter' || !this.xParty || !this.yParty || this.xParty === this.yParty) return;
    const [x, y] = [this.xParty, this.yParty];
    const f = this.frontier;
    if ((f && f.of === c && f.x === x && f.y === y) || this.frontierFor === `${x}|${y}`) return;
    this.frontierFor = `${x}|${y}`;
    const report = await this.frontierRunner.run({ kind: 'frontier', case: c, request: { parties: [x, y] } });
    if (this.frontierFor === `${x}|${y}`) this.frontierFor = null;
    if (report) this.frontier = { of: c, x, y, points: report.points.map((p) => p.match) };
  }
  private frontierFor: string | null = null;

  /** The frontier's points when they belong to the parties shown. */
  frontierPoints = $derived.by(() => {
    const c = this.ws.current;
    const f = this.frontier;
    return c && f && f.of === c && f.x === this.xParty && f.y === this.yParty ? f.points : null;
  });

  chartOptions() {
    const breakdown = this.selected.find((s) => s.id === this.breakdownScenario) ?? this.selected[0];
    return {
      ...(this.kind === 'scatter' && this.frontierPoints && { frontier: this.frontierPoints }),
      sortBy: this.sortBy,
      ...(this.xParty && this.yParty && { parties: [this.xParty, this.yParty] as [string, string] }),
      ...(breakdown && { scenario: breakdown.id }),
    };
  }

  private exportInput() {
    const c = this.ws.current!;
    const ids = this.selected.filter((s) => s.id !== DRAFT_ID).map((s) => s.id);
    const draft = this.selected.some((s) => s.id === DRAFT_ID) ? { adhoc: { name: `Current draft: ${this.ws.draft.name}`, terms: { ...this.ws.draft.terms } } } : {};
    return { caseId: c.id, scenarioIds: ids, ...draft, asOf: this.ws.asOf };
  }

  /**
   * Exports the chart shown — the grouped bars with their ranges when those are on — or the given robustness
   * chart; robustness charts are drawn from an analysis with the app's settings, so they show what the app shows.
   */
  async exportChart(robustKind?: 'ranges' | 'tornado'): Promise<void> {
    if (!this.ws.current) return;
    if (this.chartReason) {
      this.ws.notice = { kind: 'error', text: `There is no chart to export yet. ${this.chartReason}` };
      return;
    }
    const [format, scale] = this.format.startsWith('png') ? (['png', Number(this.format.slice(4)) as 1 | 2 | 3] as const) : ([this.format as 'svg' | 'pdf' | 'csv', 1] as const);
    const opts = this.chartOptions();
    const draftScenario = opts.scenario === DRAFT_ID ? { scenario: 'adhoc' } : opts.scenario ? { scenario: opts.scenario } : {};
    const kind = robustKind ?? (this.kind === 'bars' && robustnessChoices.showRanges ? 'ranges' : this.kind);
    const robustness = kind === 'ranges' || kind === 'tornado' ? { robustness: $state.snapshot(robustnessChoices.settings) } : {};
    await this.run(() => api.exportChart({ ...this.exportInput(), kind, format, scale, theme: this.exportTheme, sortBy: opts.sortBy, ...(opts.parties && { parties: opts.parties }), ...draftScenario, ...robustness }));
  }

  /** The PDF report; its robustness pages use the app's settings, so they show what the app shows. */
  async exportReport(): Promise<void> {
    if (!this.ws.current || this.selected.length === 0) return;
    await this.run(() => api.exportReport({ ...this.exportInput(), robustness: $state.snapshot(robustnessChoices.settings) }));
  }

  private async run(call: () => Promise<{ fileName: string; mime: string; base64: string }>): Promise<void> {
    this.exporting = true;
    try {
      const file = await call();
      saveFile(file.fileName, decodeBase64(file.base64) as BlobPart, file.mime);
      this.ws.notice = { kind: 'info', text: `Exported ${file.fileName}.` };
    } catch (err) {
      this.ws.fail(err);
    } finally {
      this.exporting = false;
    }
  }
}

export { MAX_COMPARED };
