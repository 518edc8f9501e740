// Runs a robustness analysis off the main thread, reporting progress between steps of samples.
import { startRobustness } from '../../src-core/robustness/sensitivity.ts';
import type { RobustnessReply, RobustnessRequest } from './robustness-protocol.ts';

const post = (reply: RobustnessReply) => postMessage(reply);

onmessage = (event: MessageEvent<RobustnessRequest>) => {
  const { id, c, scenarios, settings, asOf } = event.data;
  try {
    const start = performance.now();
    const run = startRobustness(c, scenarios, settings, asOf);
    // About fifty progress reports per run, but never fewer than 100 samples between two of them.
    const step = Math.max(100, Math.ceil(run.sampler.total / 50));
    while (run.sampler.completed < run.sampler.total) post({ type: 'progress', id, done: run.sampler.step(step), total: run.sampler.total });
    const analysis = run.finish();
    post({ type: 'result', id, analysis, ms: performance.now() - start });
  } catch (err) {
    post({ type: 'error', id, message: (err as Error).message });
  }
};
