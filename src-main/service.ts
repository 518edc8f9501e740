// The api contract (src-core/api.ts) implemented over the store. Every transport calls this; none
// holds business logic of its own.
import Database from 'better-sqlite3';
import { ApiError, type ApiInput, type ApiOutputs, type ApiMethod } from '../src-core/api.ts';
import { parseCaseText, parseCase, serializeCase, toCaseFile, CaseFileInvalid } from '../src-core/case-file.ts';
import type { Case } from '../src-core/model.ts';
import { chartFile, compareScenarios, reportFile, type RenderedFile } from './export/export-files.ts';
import { CaseRepository, ConflictError, NotFoundError } from './store/case-repository.ts';
import { openLibrary, readMeta, writeMeta, type OpenOptions } from './store/library.ts';
import { seedLibrary } from './store/seed.ts';

export interface ServiceOptions extends OpenOptions {
  /** Folder of shipped case files to seed a new library with. */
  casesDir?: string;
}

export class ParleyService {
  readonly db: Database.Database;
  readonly repo: CaseRepository;
  readonly path: string;
  readonly setAside: string | undefined;

  private constructor(db: Database.Database, file: string, setAside: string | undefined) {
    this.db = db;
    this.repo = new CaseRepository(db);
    this.path = file;
    this.setAside = setAside;
  }

  static open(file: string, options: ServiceOptions = {}): ParleyService {
    const opened = openLibrary(file, options);
    const service = new ParleyService(opened.db, opened.path, opened.setAside);
    // Seeding is recorded only once it has succeeded, so a failed first run is retried next time.
    if (options.casesDir && readMeta(opened.db, 'seeded') === undefined) {
      try {
        seedLibrary(service.repo, options.casesDir);
        writeMeta(opened.db, 'seeded', new Date().toISOString());
      } catch (err) {
        service.close();
        throw err;
      }
    }
    return service;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  listCases(): ApiOutputs['listCases'] {
    return this.repo.list();
  }

  getCase({ caseId }: ApiInput<'getCase'>): Case {
    return guard(() => this.repo.get(caseId));
  }

  saveScenario({ caseId, scenario }: ApiInput<'saveScenario'>): Case {
    return guard(() => {
      const current = this.repo.get(caseId);
      const others = current.scenarios.filter((s) => s.id !== scenario.id);
      // Validate the scenario in the context of its case, so every bad reference is named.
      const candidate = { ...current, scenarios: [...others, scenario] };
      const check = parseCase(toCaseFile(candidate));
      if (!check.ok) {
        const index = candidate.scenarios.length - 1;
        const mine = check.errors.filter((e) => e.path.startsWith(`scenarios[${index}]`)).map((e) => ({ ...e, path: e.path.replace(`scenarios[${index}]`, 'scenario') }));
        throw new ApiError('invalid_input', `the scenario does not fit case "${caseId}": ${(mine.length ? mine : check.errors).map((e) => `${e.path}: ${e.message}`).join('; ')}`, mine.length ? mine : check.errors);
      }
      this.repo.saveScenario(caseId, scenario);
      return this.repo.get(caseId);
    });
  }

  renameScenario({ caseId, scenarioId, name }: ApiInput<'renameScenario'>): Case {
    return guard(() => {
      this.repo.renameScenario(caseId, scenarioId, name.trim());
      return this.repo.get(caseId);
    });
  }

  deleteScenario({ caseId, scenarioId }: ApiInput<'deleteScenario'>): Case {
    return guard(() => {
      this.repo.deleteScenario(caseId, scenarioId);
      return this.repo.get(caseId);
    });
  }

  /** All-or-nothing: a file that fails validation changes nothing and every error is reported. */
  importCase({ content, replace }: ApiInput<'importCase'>): ApiOutputs['importCase'] {
    return guard(() => {
      const r = parseCaseText(content);
      if (!r.ok) throw new CaseFileInvalid(r.errors);
      this.repo.insert(r.case, { replace: replace ?? false });
      const summary = this.repo.list().find((s) => s.id === r.case.id);
      if (!summary) throw new Error(`case "${r.case.id}" vanished after import`);
      return summary;
    });
  }

  exportCase({ caseId }: ApiInput<'exportCase'>): ApiOutputs['exportCase'] {
    return guard(() => ({ fileName: `${caseId}.json`, content: serializeCase(this.repo.get(caseId)) }));
  }

  /** A comparison chart of some of the case's scenarios (and the builder's unsaved one) as SVG, PNG, PDF or CSV. */
  exportChart({ caseId, scenarioIds, adhoc, asOf, ...request }: ApiInput<'exportChart'>): ApiOutputs['exportChart'] {
    return guard(() => {
      const c = this.repo.get(caseId);
      return encodeFile(chartFile(c, compareScenarios(c, scenarioIds, adhoc), asOf === undefined ? (c.asOf ?? null) : asOf, request));
    });
  }

  /** The comparison report (PDF) of some of the case's scenarios. */
  exportReport({ caseId, scenarioIds, adhoc, asOf }: ApiInput<'exportReport'>): ApiOutputs['exportReport'] {
    return guard(() => {
      const c = this.repo.get(caseId);
      return encodeFile(reportFile(c, compareScenarios(c, scenarioIds, adhoc), asOf === undefined ? (c.asOf ?? null) : asOf));
    });
  }

  /**
   * PRAGMA data_version moves when another connection (the CLI, another process) commits, but not for
   * this connection's own writes; total_changes() counts those. Together they change on any commit, so
   * every window or browser tab that polls sees every change, including another tab's.
   */
  libraryChanges({ since }: ApiInput<'libraryChanges'>): ApiOutputs['libraryChanges'] {
    const version = `${this.db.pragma('data_version', { simple: true })}.${this.db.prepare('SELECT total_changes()').pluck().get()}`;
    return { version, changed: since !== undefined && since !== version };
  }

  /** Dispatch by method name, for transports; the input must already be validated. */
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): ApiOutputs[M] {
    const fn = this[method] as (i: ApiInput<M>) => ApiOutputs[M];
    return fn.call(this, input);
  }
}

const encodeFile = (f: RenderedFile): ApiOutputs['exportChart'] => ({ fileName: f.fileName, mime: f.mime, base64: f.data.toString('base64') });

/** Maps store and validation errors onto the api's error codes. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (err instanceof NotFoundError) throw new ApiError('not_found', err.message);
    if (err instanceof ConflictError) throw new ApiError('conflict', err.message);
    if (err instanceof CaseFileInvalid) throw new ApiError('invalid_case', err.message, err.errors);
    throw err;
  }
}
