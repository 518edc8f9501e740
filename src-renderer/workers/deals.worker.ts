// Runs the find-deals engine (src-core/search) off the main thread, so the builder stays responsive.
// Only moves data: a request in, progress and the report out. Cancel is the page terminating the worker.
import type { Case } from '../../src-core/model.ts';
import { dealFrontier, nearestDeals, searchDeals, type FrontierRequest, type NearestRequest, type SearchRequest } from '../../src-core/search/index.ts';

export type DealJob =
  | { kind: 'search'; case: Case; request: SearchRequest }
  | { kind: 'frontier'; case: Case; request: FrontierRequest }
  | { kind: 'nearest'; case: Case; request: NearestRequest };

export type DealMessage =
  | { type: 'progress'; done: number; best: number | null; elapsedMs: number }
  | { type: 'done'; report: unknown }
  | { type: 'error'; message: string };

const post = (m: DealMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = (event: MessageEvent<DealJob>) => {
  const job = event.data;
  const hooks = { now: () => performance.now(), onProgress: (p: { done: number; best: number | null; elapsedMs: number }) => post({ type: 'progress', done: p.done, best: p.best, elapsedMs: p.elapsedMs }) };
  try {
    const report = job.kind === 'search' ? searchDeals(job.case, job.request, hooks) : job.kind === 'frontier' ? dealFrontier(job.case, job.request, hooks) : nearestDeals(job.case, job.request, hooks);
    post({ type: 'done', report });
  } catch (err) {
    post({ type: 'error', message: (err as Error).message ?? String(err) });
  }
};
