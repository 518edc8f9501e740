// One export as a plain message: the case data, the scenarios, the date and the options, so that it can be
// rendered anywhere — in the export worker thread (the app and `parley serve`) without the library.
import type { ExportedFile } from '../../src-core/api.ts';
import type { Debrief } from '../../src-core/classroom/debrief.ts';
import type { Case, Scenario } from '../../src-core/model.ts';
import { renderDebriefPdf } from './debrief-pdf.ts';
import { chartFile, reportFile, type ChartRequest, type RenderedFile, type ReportRequest } from './export-files.ts';

export type ExportJob =
  | { kind: 'chart'; case: Case; scenarios: Scenario[]; asOf: string | null; request: ChartRequest }
  | { kind: 'report'; case: Case; scenarios: Scenario[]; asOf: string | null; request: ReportRequest }
  | { kind: 'debrief'; case: Case; debrief: Debrief; fileName: string };

const encode = (f: RenderedFile): ExportedFile => ({ fileName: f.fileName, mime: f.mime, base64: f.data.toString('base64') });

/** Renders the job's file: what the worker does with each message. */
export function runExportJob(job: ExportJob): ExportedFile {
  if (job.kind === 'debrief') return { fileName: job.fileName, mime: 'application/pdf', base64: renderDebriefPdf(job.case, job.debrief).toString('base64') };
  return encode(job.kind === 'chart' ? chartFile(job.case, job.scenarios, job.asOf, job.request) : reportFile(job.case, job.scenarios, job.asOf, job.request));
}
