// Files in and out of the library from the app: importing a case (previewed first: a case that exists is
// replaced only after the user has seen what will be lost, and the replacement can be undone) and scenarios
// on their own (a teacher collects what students saved).
import type { ImportPreview } from '../../src-core/api.ts';
import { plural } from '../../src-core/words.ts';
import { api } from './api-client.ts';
import { saveFile } from './files.ts';
import { workspace, type Workspace } from './workspace.svelte.ts';

export interface TextFile {
  name: string;
  text: string;
}

export class CaseFiles {
  readonly ws: Workspace;
  /** A case file waiting for the user's Replace or Cancel. */
  pending = $state.raw<{ file: TextFile; preview: ImportPreview } | null>(null);

  constructor(ws: Workspace) {
    this.ws = ws;
  }

  /** Imports a new case at once; for a case already in the library, asks first (`pending`). */
  async importCase(file: TextFile): Promise<void> {
    try {
      this.ws.busy = true;
      const preview = await api.previewImport({ content: file.text });
      if (preview.exists) this.pending = { file, preview };
      else await this.write(file, false);
    } catch (err) {
      this.ws.fail(err, 'The file was not imported: ');
    } finally {
      this.ws.busy = false;
    }
  }

  async replace(): Promise<void> {
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    try {
      this.ws.busy = true;
      await this.write(p.file, true);
    } catch (err) {
      this.ws.fail(err, 'The file was not imported: ');
    } finally {
      this.ws.busy = false;
    }
  }

  cancel(): void {
    this.pending = null;
  }

  private async write(file: TextFile, replace: boolean): Promise<void> {
    const summary = await api.importCase({ content: file.text, replace, fileName: file.name });
    this.ws.cases = await api.listCases({});
    await this.ws.openCase(summary.id);
    if (!replace) {
      this.ws.notice = { kind: 'info', text: `Imported “${summary.title}”.` };
      return;
    }
    const last = (await api.history({ caseId: summary.id })).revisions.filter((r) => !r.undone).at(-1);
    this.ws.notice = { kind: 'info', text: `Replaced “${summary.title}” with ${file.name}; the scenarios saved in the app were kept.`, ...(last && { action: this.ws.undoAction(summary.id, last.seq) }) };
  }

  /** The case's scenarios saved in the app, as a scenarios file. */
  savedScenarioIds(): string[] {
    return this.ws.current?.scenarios.filter((s) => s.saved).map((s) => s.id) ?? [];
  }

  async exportScenarios(): Promise<void> {
    const c = this.ws.current;
    const ids = this.savedScenarioIds();
    if (!c || ids.length === 0) return;
    try {
      const out = await api.exportScenarios({ caseId: c.id, scenarioIds: ids });
      saveFile(out.fileName, out.content, 'application/json');
      this.ws.notice = { kind: 'info', text: `Exported ${plural(ids.length, 'saved scenario')} to ${out.fileName}.` };
    } catch (err) {
      this.ws.fail(err);
    }
  }

  /** Adds a scenarios file's scenarios to the open case and says what was added, renamed and skipped. */
  async importScenarios(file: TextFile): Promise<void> {
    const c = this.ws.current;
    if (!c) return;
    try {
      this.ws.busy = true;
      const r = await api.importScenarios({ caseId: c.id, content: file.text, fileName: file.name });
      if (r.case) this.ws.current = r.case;
      this.ws.cases = await api.listCases({});
      const details = [
        ...(r.madeFor !== c.id ? [`The file was made for case “${r.madeFor}”; its scenarios fit this one.`] : []),
        ...r.added.map((a) => (a.nameFrom ? `added “${a.nameFrom}” as “${a.name}” (that name was taken)` : `added “${a.name}”`)),
        ...r.skipped.map((name) => `skipped “${name}”: already in the case`),
      ];
      const text = r.added.length ? `Imported ${plural(r.added.length, 'scenario')} from ${file.name}.` : `Nothing new in ${file.name}: every scenario is already in the case.`;
      this.ws.notice = { kind: 'info', text, details, ...(r.revision && { action: this.ws.undoAction(c.id, r.revision.seq) }) };
    } catch (err) {
      this.ws.fail(err, `${file.name} was not imported: `);
    } finally {
      this.ws.busy = false;
    }
  }
}

export const caseFiles = new CaseFiles(workspace);
