// The export worker thread: renders each chart or report it is sent, one at a time, so that the thread
// that answers the api (Electron main, `parley serve`) stays free while linkedom, resvg and PDFKit work.
// Errors go back as values: an ApiError keeps its code, anything else is reported as internal.
import { parentPort } from 'node:worker_threads';
import { ApiError } from '../../src-core/api.ts';
import { runExportJob, type ExportJob } from './export-jobs.ts';
import type { WorkerReply } from './export-thread.ts';

const port = parentPort;
if (!port) throw new Error('export-worker.js runs as a worker thread of Parley, not on its own');

port.on('message', ({ id, job }: { id: number; job: ExportJob }) => {
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, file: runExportJob(job) };
  } catch (err) {
    reply = err instanceof ApiError ? { id, ok: false, error: err.toJSON() } : { id, ok: false, internal: (err as Error).stack ?? String(err) };
  }
  port.postMessage(reply);
});
