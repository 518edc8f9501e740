// One find-deals job at a time in its own Web Worker (Electron and browser mode alike), with its progress
// as state and Cancel as terminating the worker: the engine runs synchronously, so stopping it is immediate.
import type { DealJob, DealMessage } from '../workers/deals.worker.ts';

export class DealRunner<R> {
  running = $state(false);
  /** Share of the space settled, 0–1. */
  done = $state(0);
  best = $state<number | null>(null);
  error = $state<string | null>(null);
  private worker: Worker | null = null;
  private settle: ((r: R | null) => void) | null = null;

  /** Runs a job, cancelling any running one; resolves with the report, or null when cancelled or failed. */
  run(job: DealJob): Promise<R | null> {
    this.cancel();
    this.running = true;
    this.done = 0;
    this.best = null;
    this.error = null;
    const worker = new Worker(new URL('../workers/deals.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    return new Promise<R | null>((resolve) => {
      this.settle = resolve;
      worker.onmessage = (event: MessageEvent<DealMessage>) => {
        const m = event.data;
        if (m.type === 'progress') {
          this.done = m.done;
          this.best = m.best;
          return;
        }
        if (m.type === 'error') this.error = m.message;
        this.finish(m.type === 'done' ? (m.report as R) : null);
      };
      worker.onerror = (e) => {
        this.error = e.message || 'the search stopped with an error';
        this.finish(null);
      };
      // Svelte state proxies cannot be cloned into a worker: send plain data.
      worker.postMessage(JSON.parse(JSON.stringify(job)));
    });
  }

  cancel(): void {
    if (this.worker) this.finish(null);
  }

  private finish(result: R | null): void {
    this.worker?.terminate();
    this.worker = null;
    this.running = false;
    const settle = this.settle;
    this.settle = null;
    settle?.(result);
  }
}
