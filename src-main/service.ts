// The api contract (src-core/api.ts) implemented over the store. Every transport calls this; none
// holds business logic of its own. Every write goes through CaseHistory: one transaction, one revision.
import Database from 'better-sqlite3';
import { ApiError, type ApiInput, type ApiOutputs, type ApiMethod, type CaseChange } from '../src-core/api.ts';
import { describeChanges, planImport, statementCounts } from '../src-core/case-changes.ts';
import { parseCaseText, serializeCase, CaseFileInvalid } from '../src-core/case-file.ts';
import { applyEdit, EditRefused } from '../src-core/edits.ts';
import { DEFAULT_STANCE_UTILITIES, DEFAULT_UNSTATED_UTILITY, type Case } from '../src-core/model.ts';
import { formatCsvError, positionsFromCsv, positionsToCsv } from '../src-core/positions-csv.ts';
import { planScenarioImport, serializeScenarios } from '../src-core/scenario-file.ts';
import { slugId } from '../src-core/slug.ts';
import { Classroom, validateClassroomInput } from './classroom/classroom.ts';
import { compareScenarios } from './export/export-files.ts';
import type { ExportJob } from './export/export-jobs.ts';
import { ExportThread } from './export/export-thread.ts';
import { CaseHistory } from './store/case-history.ts';
import { CaseRepository, ConflictError, NotFoundError } from './store/case-repository.ts';
import { openLibrary, readMeta, writeMeta, type OpenOptions } from './store/library.ts';
import { seedLibrary } from './store/seed.ts';

export interface ServiceOptions extends OpenOptions {
  /** Folder of shipped case files to seed a new library with. */
  casesDir?: string;
  /** Where charts and reports are rendered (default: a worker thread, started by the first export). */
  exports?: ExportThread;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export class ParleyService {
  readonly db: Database.Database;
  readonly repo: CaseRepository;
  readonly caseHistory: CaseHistory;
  readonly path: string;
  readonly setAside: string | undefined;
  private readonly exports: ExportThread;
  private room: Classroom | undefined;

  private constructor(db: Database.Database, file: string, setAside: string | undefined, exports: ExportThread) {
    this.db = db;
    this.repo = new CaseRepository(db);
    this.caseHistory = new CaseHistory(db, this.repo);
    this.path = file;
    this.setAside = setAside;
    this.exports = exports;
  }

  static open(file: string, options: ServiceOptions = {}): ParleyService {
    const opened = openLibrary(file, options);
    const service = new ParleyService(opened.db, opened.path, opened.setAside, options.exports ?? new ExportThread());
    // Seeding is recorded only once it has succeeded, so a failed first run is retried next time.
    // Shipped cases are not revisions: undo never removes them.
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
    void this.exports.close();
    if (this.db.open) this.db.close();
  }

  listCases(): ApiOutputs['listCases'] {
    return this.repo.list();
  }

  getCase({ caseId }: ApiInput<'getCase'>): Case {
    return guard(() => this.caseHistory.get(caseId));
  }

  /** Saves a scenario from the builder. A term or source that does not fit the case is invalid input named
   * by its path within the scenario (`scenario.terms.donetsk`), as the builder shows it next to the field. */
  saveScenario({ caseId, scenario, replaces }: ApiInput<'saveScenario'>): Case {
    try {
      if (replaces !== undefined && replaces !== scenario.id) return this.saveRenamed(caseId, replaces, scenario);
      return this.edit({ caseId, edit: { op: 'putScenario', scenario: { ...scenario, saved: true } } }).case!;
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'invalid_case') throw err;
      const index = this.caseHistory.get(caseId).scenarios.findIndex((s) => s.id === (replaces ?? scenario.id));
      const prefix = `scenarios[${index < 0 ? this.caseHistory.get(caseId).scenarios.length : index}]`;
      const mine = (err.details ?? []).filter((d) => d.path.startsWith(prefix)).map((d) => ({ ...d, path: d.path.replace(prefix, 'scenario') }));
      const details = mine.length ? mine : (err.details ?? []);
      throw new ApiError('invalid_input', `the scenario does not fit case "${caseId}": ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
    }
  }

  /** A saved scenario renamed in the app takes the id of its new name, in its old place, as one revision: no
   * file name or CSV id keeps showing the old name. */
  private saveRenamed(caseId: string, replaces: string, scenario: ApiInput<'saveScenario'>['scenario']): Case {
    return guard(() =>
      this.caseHistory.change(caseId, (c) => {
        const at = c.scenarios.findIndex((s) => s.id === replaces);
        if (at < 0) throw new NotFoundError(`no scenario "${replaces}" in case "${caseId}"`);
        if (c.scenarios.some((s) => s.id === scenario.id)) throw new ConflictError(`case "${caseId}" already has a scenario "${scenario.id}"`);
        const scenarios = c.scenarios.slice();
        scenarios[at] = { ...scenario, saved: true };
        return { case: { ...c, scenarios }, summary: `Scenario “${c.scenarios[at]!.name}” saved as “${scenario.name}”` };
      }),
    ).case!;
  }

  renameScenario({ caseId, scenarioId, name }: ApiInput<'renameScenario'>): Case {
    return guard(() => {
      const s = this.caseHistory.get(caseId).scenarios.find((x) => x.id === scenarioId);
      if (!s) throw new NotFoundError(`no scenario "${scenarioId}" in case "${caseId}"`);
      return this.edit({ caseId, edit: { op: 'putScenario', scenario: { ...s, name: name.trim() } } }).case!;
    });
  }

  deleteScenario({ caseId, scenarioId }: ApiInput<'deleteScenario'>): Case {
    return this.edit({ caseId, edit: { op: 'remove', target: { kind: 'scenario', id: scenarioId } } }).case!;
  }

  /** One edit of DESIGN §10: validated as a whole case, stored as one transaction with its revision. */
  edit({ caseId, edit }: ApiInput<'edit'>): CaseChange {
    return guard(() => this.caseHistory.change(caseId, (c) => applyEdit(c, edit)));
  }

  undo({ caseId }: ApiInput<'undo'>): CaseChange {
    return guard(() => this.caseHistory.undo(caseId));
  }

  redo({ caseId }: ApiInput<'redo'>): CaseChange {
    return guard(() => this.caseHistory.redo(caseId));
  }

  history({ caseId }: ApiInput<'history'>): ApiOutputs['history'] {
    return { revisions: this.caseHistory.revisions.list(caseId), ...this.caseHistory.undoState(caseId) };
  }

  goToRevision({ caseId, seq }: ApiInput<'goToRevision'>): CaseChange {
    return guard(() => this.caseHistory.goTo(caseId, seq));
  }

  /** A new empty case, or a copy of an existing one, under a new id made from the title. */
  createCase({ title, copyOf }: ApiInput<'createCase'>): CaseChange {
    return guard(() => {
      const id = slugId(title, this.repo.list().map((c) => c.id).concat(this.caseHistory.revisions.deletedCases().map((d) => d.id)));
      if (copyOf) {
        const source = this.caseHistory.get(copyOf);
        return this.caseHistory.create({ ...source, id, title }, `Created case “${title}” as a copy of “${source.title}”`);
      }
      const empty: Case = { id, title, stanceUtilities: { ...DEFAULT_STANCE_UTILITIES }, unstatedUtility: DEFAULT_UNSTATED_UTILITY, parties: [], issues: [], sources: [], positions: [], scenarios: [], incompatible: [] };
      return this.caseHistory.create(empty, `Created case “${title}”`);
    });
  }

  deleteCase({ caseId }: ApiInput<'deleteCase'>): CaseChange {
    return guard(() => this.caseHistory.remove(caseId));
  }

  deletedCases(): ApiOutputs['deletedCases'] {
    return this.caseHistory.revisions.deletedCases();
  }

  /** What importing a case file would do, before anything is written: for a case already in the library,
   * exactly what its copy loses (DESIGN §3, issue 13). */
  previewImport({ content }: ApiInput<'previewImport'>): ApiOutputs['previewImport'] {
    return guard(() => {
      const incoming = parseOrThrow(content);
      if (!this.repo.has(incoming.id)) {
        return { id: incoming.id, title: incoming.title, exists: false, changes: [], keptScenarios: [], replacedScenarios: [], droppedTerms: [] };
      }
      const existing = this.caseHistory.get(incoming.id);
      const plan = planImport(existing, incoming);
      const issueName = (id: string) => existing.issues.find((i) => i.id === id)?.name ?? id;
      return {
        id: incoming.id,
        title: incoming.title,
        exists: true,
        changes: describeChanges(existing, plan.merged),
        keptScenarios: plan.kept.map((s) => s.name),
        replacedScenarios: plan.replaced.map((s) => s.name),
        droppedTerms: plan.droppedTerms.map((d) => `“${d.scenario}” loses its term on ${issueName(d.issue)} (the file has no option “${d.option}” there)`),
      };
    });
  }

  /** All-or-nothing: a file that fails validation changes nothing and every error is reported. A case that
   * exists is refused unless `replace`; replacing keeps the scenarios saved in the app and is undoable. */
  importCase({ content, replace, fileName }: ApiInput<'importCase'>): ApiOutputs['importCase'] {
    return guard(() => {
      const incoming = parseOrThrow(content);
      const from = fileName ? ` from ${fileName}` : '';
      // One write transaction from the look-up to the write: another program importing the same new case
      // at the same moment cannot slip in between and turn a --replace into a conflict.
      this.db.transaction(() => {
        if (!this.repo.has(incoming.id)) {
          this.caseHistory.create(incoming, `Imported case “${incoming.title}”${from}`);
        } else {
          if (!replace) throw new ConflictError(`a case with id "${incoming.id}" is already in the library (import with --replace to overwrite it)`);
          this.caseHistory.change(incoming.id, (existing) => {
            const plan = planImport(existing, incoming);
            const kept = plan.kept.length ? `, kept ${plural(plan.kept.length, 'saved scenario')}` : '';
            return { case: plan.merged, summary: `Replaced case “${existing.title}” with the file${from}${kept}` };
          });
        }
      }).immediate();
      const summary = this.repo.list().find((s) => s.id === incoming.id);
      if (!summary) throw new Error(`case "${incoming.id}" vanished after import`);
      return summary;
    });
  }

  exportCase({ caseId }: ApiInput<'exportCase'>): ApiOutputs['exportCase'] {
    return guard(() => ({ fileName: `${caseId}.json`, content: serializeCase(this.caseHistory.get(caseId)) }));
  }

  /** Some or all of a case's scenarios as a scenarios file (for a teacher collecting students' work). */
  exportScenarios({ caseId, scenarioIds }: ApiInput<'exportScenarios'>): ApiOutputs['exportScenarios'] {
    return guard(() => {
      const c = this.caseHistory.get(caseId);
      const picked = scenarioIds ? scenarioIds.map((id) => c.scenarios.find((s) => s.id === id) ?? notFound(`no scenario "${id}" in case "${caseId}"`)) : c.scenarios;
      return { fileName: `${caseId}.scenarios.json`, content: serializeScenarios(c, picked) };
    });
  }

  importScenarios({ caseId, content, dryRun, fileName }: ApiInput<'importScenarios'>): ApiOutputs['importScenarios'] {
    return guard(() => {
      const c = this.caseHistory.get(caseId);
      const r = planScenarioImport(c, content);
      if (!r.ok) throw new ApiError('invalid_file', `the scenarios file does not fit case "${caseId}" (${plural(r.errors.length, 'error')})`, r.errors);
      const added = r.plan.added.map((a) => ({ id: a.scenario.id, name: a.scenario.name, ...(a.renamedFrom && { renamedFrom: a.renamedFrom }), ...(a.nameFrom && { nameFrom: a.nameFrom }) }));
      const base = { madeFor: r.plan.madeFor, added, skipped: r.plan.skipped, dryRun: dryRun ?? false };
      if (dryRun || added.length === 0) return { ...base, caseId, case: c, revision: null, ...this.caseHistory.undoState(caseId) };
      const change = this.caseHistory.change(caseId, (cur) => ({
        case: { ...cur, scenarios: [...cur.scenarios, ...r.plan.added.map((a) => a.scenario)] },
        summary: `Imported ${plural(added.length, 'scenario')}${fileName ? ` from ${fileName}` : ''}`,
      }));
      return { ...base, ...change };
    });
  }

  exportPositions({ caseId }: ApiInput<'exportPositions'>): ApiOutputs['exportPositions'] {
    return guard(() => ({ fileName: `${caseId}.positions.csv`, content: positionsToCsv(this.caseHistory.get(caseId)) }));
  }

  /** Replaces all of a case's statements with a spreadsheet's, all or nothing, as one undoable revision. */
  importPositions({ caseId, content, dryRun, fileName }: ApiInput<'importPositions'>): ApiOutputs['importPositions'] {
    return guard(() => {
      const c = this.caseHistory.get(caseId);
      const r = positionsFromCsv(c, content);
      if (!r.ok) {
        const details = r.errors.map((e) => ({ path: e.column ? `row ${e.row}, column ${e.column}` : `row ${e.row}`, message: e.message }));
        throw new ApiError('invalid_file', `the spreadsheet was not imported (${plural(r.errors.length, 'bad row')}):\n${r.errors.map(formatCsvError).join('\n')}`, details);
      }
      const after: Case = { ...c, positions: r.positions };
      const counts = statementCounts(c, after);
      const changes = describeChanges(c, after);
      if (dryRun) return { caseId, case: c, revision: null, ...this.caseHistory.undoState(caseId), dryRun: true, counts, changes };
      const label = `Imported statements${fileName ? ` from ${fileName}` : ''}: ${counts.added} added, ${counts.changed} changed, ${counts.removed} removed`;
      const change = this.caseHistory.change(caseId, (cur) => applyEdit(cur, { op: 'setPositions', positions: r.positions, label }));
      return { ...change, dryRun: false, counts, changes };
    });
  }

  /**
   * A comparison chart of some of the case's scenarios (and the builder's unsaved one) as SVG, PNG, PDF or
   * CSV, rendered in the export worker so that other calls are answered meanwhile.
   */
  async exportChart({ caseId, scenarioIds, adhoc, asOf, ...request }: ApiInput<'exportChart'>): Promise<ApiOutputs['exportChart']> {
    const job = guard((): ExportJob => {
      const c = this.caseHistory.get(caseId);
      return { kind: 'chart', case: c, scenarios: compareScenarios(c, scenarioIds, adhoc), asOf: asOf === undefined ? (c.asOf ?? null) : asOf, request };
    });
    return this.exports.run(job);
  }

  /** The comparison report (PDF) of some of the case's scenarios, rendered in the export worker. */
  async exportReport({ caseId, scenarioIds, adhoc, asOf, ...request }: ApiInput<'exportReport'>): Promise<ApiOutputs['exportReport']> {
    const job = guard((): ExportJob => {
      const c = this.caseHistory.get(caseId);
      return { kind: 'report', case: c, scenarios: compareScenarios(c, scenarioIds, adhoc), asOf: asOf === undefined ? (c.asOf ?? null) : asOf, request };
    });
    return this.exports.run(job);
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

  /** The hot seat's classroom: the library's simulations, the debrief PDF rendered in the same export worker. */
  private get classroom(): Classroom {
    return (this.room ??= new Classroom(this.db, undefined, this.exports));
  }

  /** A hot-seat simulation of a case in the library, frozen now. It also gets join codes, so `parley classroom --resume` can take it over a LAN. */
  hotSeatCreate({ caseId, roles, rounds }: ApiInput<'hotSeatCreate'>): ApiOutputs['hotSeatCreate'] {
    const c = guard(() => this.caseHistory.get(caseId));
    const { simulation } = this.classroom.create(c, { ...(roles && { roles }), ...(rounds !== undefined && { rounds }) });
    return this.hotSeatList().find((s) => s.id === simulation.id)!;
  }

  /** Every stored simulation (made here or by `parley classroom`), newest first, to resume in the hot seat. */
  hotSeatList(): ApiOutputs['hotSeatList'] {
    return this.classroom.list().map((s) => {
      const parties = this.classroom.repo.get(s.id).case.parties;
      const roles = s.roles.map((party) => ({ party, name: parties.find((p) => p.id === party)?.name ?? party }));
      return { id: s.id, caseId: s.caseId, title: s.title, roles, rounds: s.rounds, round: s.round, status: s.status, createdAt: s.createdAt };
    });
  }

  /** A seat's call on this machine: no token (the app is the user's), the same permissions and checks as the classroom server. */
  async hotSeatCall({ simulationId, seat, method, input }: ApiInput<'hotSeatCall'>): Promise<ApiOutputs['hotSeatCall']> {
    const room = this.classroom;
    if (seat !== null) {
      const roles = guard(() => room.repo.get(simulationId)).roles.map((r) => r.party);
      if (!roles.includes(seat)) throw new ApiError('not_found', `"${seat}" is not a role of simulation ${simulationId} (roles: ${roles.join(', ')})`);
      if (method === 'state') {
        // Checked first, so that a refused call leaves the seat as it was.
        validateClassroomInput('state', input);
        room.takeSeat(simulationId, seat);
      }
    }
    return room.dispatch(simulationId, seat, method, input);
  }

  /** Dispatch by method name, for transports; the input must already be validated. */
  async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> {
    const fn = this[method] as (i: ApiInput<M>) => ApiOutputs[M] | Promise<ApiOutputs[M]>;
    return fn.call(this, input);
  }
}

function notFound(message: string): never {
  throw new NotFoundError(message);
}

function parseOrThrow(content: string): Case {
  const r = parseCaseText(content);
  if (!r.ok) throw new CaseFileInvalid(r.errors);
  return r.case;
}

/** Maps store, edit and validation errors onto the api's error codes. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (err instanceof NotFoundError) throw new ApiError('not_found', err.message);
    if (err instanceof ConflictError) throw new ApiError('conflict', err.message);
    if (err instanceof CaseFileInvalid) throw new ApiError('invalid_case', err.message, err.errors);
    if (err instanceof EditRefused) {
      if (err.kind === 'referenced') throw new ApiError('referenced', err.message, err.references);
      throw new ApiError(err.kind, err.message);
    }
    throw err;
  }
}
