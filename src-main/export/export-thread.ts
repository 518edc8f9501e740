// Exports off the api's thread: one worker thread (export-worker.ts) renders charts and reports one at a
// time from a queue, while Electron main or `parley serve` keeps answering other calls. The worker starts
// on the first export and is restarted after a crash: a crash fails only the export it was running.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError, type ApiErrorBody, type ExportedFile } from '../../src-core/api.ts';
import { packageRoot } from '../paths.ts';
import type { ExportJob } from './export-jobs.ts';

export type WorkerReply = { id: number; ok: true; file: ExportedFile } | { id: number; ok: false; error: ApiErrorBody } | { id: number; ok: false; internal: string };

/**
 * The worker's script: built beside the bundle that runs this code (out/main for Electron, out/cli for the
 * CLI and `parley serve`); from the sources (tests), the CLI bundle's.
 */
export function exportWorkerFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const file of [path.join(here, 'export-worker.js'), path.join(packageRoot(here), 'out', 'cli', 'export-worker.js')]) {
    if (fs.existsSync(file)) return file;
  }
  throw new ApiError('internal', 'the export worker is not built; run `npm run build` in the Parley folder');
}

const CLOSED = () => new ApiError('internal', 'the library was closed before the export finished');

/** A runaway export ends its own thread with ERR_WORKER_OUT_OF_MEMORY instead of taking the app down. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 1536 };

interface Pending {
  id: number;
  job: ExportJob;
  resolve: (file: ExportedFile) => void;
  reject: (err: Error) => void;
}

export class ExportThread {
  private worker: Worker | null = null;
  private running: Pending | null = null;
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** Why the worker stopped, when it reported an error before exiting. */
  private failure: Error | null = null;

  constructor(private readonly file: () => string = exportWorkerFile) {}

  /** Renders the job in the worker; resolves with the file or rejects with an ApiError. */
  run(job: ExportJob): Promise<ExportedFile> {
    if (this.closed) return Promise.reject(CLOSED());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.pump();
    });
  }

  /** Stops the worker; the export it was running and those still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(CLOSED());
    const worker = this.worker;
    if (worker) await worker.terminate();
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const next = this.queue.shift()!;
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (err) {
      next.reject(err instanceof ApiError ? err : new ApiError('internal', `the export could not start: ${(err as Error).message}`));
      this.pump();
      return;
    }
    this.running = next;
    worker.ref();
    worker.postMessage({ id: next.id, job: next.job });
  }

  private start(): Worker {
    const worker = new Worker(this.file(), { resourceLimits: RESOURCE_LIMITS });
    this.failure = null;
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (err) => (this.failure = err));
    worker.on('messageerror', (err) => this.crashed(worker, err));
    worker.on('exit', (code) => this.crashed(worker, this.failure ?? new Error(`exit code ${code}`)));
    // An idle worker does not keep the process alive; a running export does (ref() in pump).
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    const job = this.running;
    if (!job || job.id !== reply.id) return;
    this.running = null;
    this.worker?.unref();
    if (reply.ok) job.resolve(reply.file);
    else if ('error' in reply) job.reject(new ApiError(reply.error.code, reply.error.message, reply.error.details));
    // A bug, not a refusal: the transports log it and answer "internal error".
    else job.reject(new Error(`the export worker failed: ${reply.internal}`));
    this.pump();
  }

  /** The worker is gone: the export it was running fails, the next one starts a new worker. */
  private crashed(worker: Worker, reason: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    void worker.terminate();
    const job = this.running;
    this.running = null;
    const outOfMemory = (reason as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    job?.reject(
      this.closed
        ? CLOSED()
        : new ApiError(
            'internal',
            outOfMemory
              ? 'the export ran out of memory and was stopped; nothing was written — try fewer scenarios, a smaller size or SVG'
              : `the export stopped unexpectedly (${reason.message}); nothing was written — try again`,
          ),
    );
    if (!this.closed) this.pump();
  }
}
