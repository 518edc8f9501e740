// Robustness analyses in the app (DESIGN.md §12): the settings the user picks (shared by the Compare view
// and the builder), and runs in a Web Worker with progress and Cancel. The worker calls the same core
// engine as `parley sensitivity`, so the app's figures are the CLI's for the same settings.
import type { Case, Scenario } from '../../src-core/model.ts';
import type { RobustnessAnalysis } from '../../src-core/robustness/sensitivity.ts';
import { DEFAULT_ROBUSTNESS, robustnessSettingsErrors, type RobustnessSettings } from '../../src-core/robustness/settings.ts';
import RobustnessWorker from '../workers/robustness.worker.ts?worker';
import type { RobustnessReply, RobustnessRequest } from '../workers/robustness-protocol.ts';

const STORAGE_KEY = 'parley:robustness';

function restore(): { settings: RobustnessSettings; showRanges: boolean } {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as { settings?: Partial<RobustnessSettings>; showRanges?: boolean } | null;
    return { settings: { ...DEFAULT_ROBUSTNESS, ...saved?.settings }, showRanges: saved?.showRanges ?? false };
  } catch {
    return { settings: { ...DEFAULT_ROBUSTNESS }, showRanges: false };
  }
}

const saved = restore();

/** What the user chose: the analysis settings and whether the bars show their p5–p95 ranges. */
class RobustnessChoices {
  settings = $state<RobustnessSettings>(saved.settings);
  showRanges = $state(saved.showRanges);

  /** Problems with the settings for this case, each naming the setting; empty when they can run. */
  errors(c: Case): string[] {
    return robustnessSettingsErrors(c, this.settings);
  }

  remember(): void {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ settings: this.settings, showRanges: this.showRanges }));
  }

  reset(): void {
    this.settings = { ...DEFAULT_ROBUSTNESS };
  }
}

export const robustnessChoices = new RobustnessChoices();

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** One analysis at a time in its own worker; asking again while it runs replaces the run in progress. */
export class RobustnessRun {
  status = $state<RunStatus>('idle');
  done = $state(0);
  total = $state(0);
  analysis = $state.raw<RobustnessAnalysis | null>(null);
  /** The inputs the analysis (or the run in progress) is for. */
  key = $state<string | null>(null);
  error = $state<string | null>(null);
  ms = $state<number | null>(null);
  private worker: Worker | null = null;
  private seq = 0;
  /** The case object the analysis is of: an edit gives the app a new one, which needs a new analysis. */
  private caseRef: Case | null = null;

  /** Starts an analysis of `scenarios` unless the last one asked for was of the very same inputs. */
  request(c: Case, scenarios: readonly Scenario[], settings: RobustnessSettings, asOf: string | null, force = false): void {
    const key = JSON.stringify([c.id, asOf, scenarios.map((s) => [s.id, s.name, s.terms]), settings]);
    if (!force && key === this.key && c === this.caseRef && (this.status === 'running' || this.status === 'done')) return;
    this.stopWorker();
    this.key = key;
    this.caseRef = c;
    this.status = 'running';
    this.done = 0;
    this.total = settings.samples;
    this.error = null;
    const id = ++this.seq;
    const worker = this.ensureWorker();
    const message: RobustnessRequest = { id, c: $state.snapshot(c) as Case, scenarios: $state.snapshot(scenarios) as Scenario[], settings: $state.snapshot(settings), asOf };
    worker.postMessage(message);
  }

  /** Stops the run in progress at once (its worker is ended); the last finished analysis stays shown. */
  cancel(): void {
    if (this.status !== 'running') return;
    this.stopWorker();
    this.status = 'cancelled';
  }

  dispose(): void {
    this.stopWorker();
  }

  /** The analysis, when it is of these inputs. */
  isFor(c: Case, scenarios: readonly Scenario[], settings: RobustnessSettings, asOf: string | null): boolean {
    return this.status === 'done' && c === this.caseRef && this.key === JSON.stringify([c.id, asOf, scenarios.map((s) => [s.id, s.name, s.terms]), settings]);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new RobustnessWorker();
    worker.onmessage = (event: MessageEvent<RobustnessReply>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(event.message || 'the robustness worker stopped');
    };
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private receive(reply: RobustnessReply): void {
    if (reply.id !== this.seq) return;
    if (reply.type === 'progress') {
      this.done = reply.done;
      this.total = reply.total;
    } else if (reply.type === 'result') {
      this.analysis = reply.analysis;
      this.ms = reply.ms;
      this.done = this.total;
      this.status = 'done';
    } else this.fail(reply.message);
  }

  private fail(message: string): void {
    this.stopWorker();
    this.error = message;
    this.status = 'error';
  }
}

/** The Compare view's analysis of the compared scenarios, and the builder's of its draft. */
export const compareRobustness = new RobustnessRun();
export const draftRobustness = new RobustnessRun();
