// Classroom simulations over the store: create and resume them, join with a code, look up a session, and
// apply the pure rules of src-core/classroom as single transactions. Both the classroom server (HTTP, with
// tokens) and the desktop app's hot seat (the api) call this; neither holds a rule of its own.
import type Database from 'better-sqlite3';
import { ApiError, type ExportedFile } from '../../src-core/api.ts';
import { debrief, type Debrief } from '../../src-core/classroom/debrief.ts';
import { classroomInputs, FACILITATOR_METHODS, ROLE_METHODS, type ClassroomInput, type ClassroomMethod, type ClassroomOutputs, type SeatMethod } from '../../src-core/classroom/inputs.ts';
import { RuleRefused, type Simulation } from '../../src-core/classroom/model.ts';
import { advance, createSimulation, markJoined, phase, propose, respond, setBrief, setDeadline, type AdvanceOptions } from '../../src-core/classroom/rules.ts';
import { facilitatorView, roleView, type FacilitatorView, type RoleView, type SeatView } from '../../src-core/classroom/view.ts';
import type { Case } from '../../src-core/model.ts';
import { ExportThread } from '../export/export-thread.ts';
import { NotFoundError } from '../store/case-repository.ts';
import { SimulationRepository, type SimulationSummary } from '../store/simulation-repository.ts';
import { hashToken, newJoinCode, newSimulationId, newToken, normalizeJoinCode, showJoinCode } from './secrets.ts';

export type MoveInput = { kind: 'propose'; terms: Record<string, string> } | { kind: 'accept' } | { kind: 'reject' };

/** A simulation ready to serve: its join codes (as shown) and a new facilitator token. */
export interface Opened {
  simulation: Simulation;
  joinCodes: Record<string, string>;
  facilitatorToken: string;
}

export class Classroom {
  readonly repo: SimulationRepository;
  private readonly db: Database.Database;
  private readonly clock: () => string;
  /** The debrief runs two searches: it is computed once per state of a simulation, not once per request. */
  private readonly debriefs = new Map<string, { key: string; value: Debrief }>();

  /** The debrief PDF renders in the export worker, so the students' calls are answered meanwhile. */
  private readonly exports: ExportThread;

  constructor(db: Database.Database, clock: () => string = () => new Date().toISOString(), exports: ExportThread = new ExportThread()) {
    this.db = db;
    this.repo = new SimulationRepository(db);
    this.clock = clock;
    this.exports = exports;
  }

  /** Stops the export worker (the library stays open: it is the caller's). */
  close(): Promise<void> {
    return this.exports.close();
  }

  list(): SimulationSummary[] {
    return this.repo.list();
  }

  create(c: Case, options: { roles?: readonly string[]; rounds?: number }): Opened {
    return guard(() => {
      let id = newSimulationId();
      while (this.repo.has(id)) id = newSimulationId();
      const sim = createSimulation(c, { id, now: this.clock(), ...options });
      const codes = Object.fromEntries(sim.roles.map((r) => [r.party, newJoinCode()]));
      const token = newToken();
      this.db.transaction(() => {
        this.repo.create(sim, codes);
        this.repo.addSession(hashToken(token), id, null, sim.createdAt);
      })();
      return { simulation: sim, joinCodes: shown(codes), facilitatorToken: token };
    });
  }

  /**
   * Continues a stored simulation with the same join codes. Only token hashes are stored, so the facilitator
   * gets a new token; the old ones (an open dashboard, the students' sessions) stay valid.
   */
  resume(id: string): Opened {
    return guard(() => {
      const sim = this.repo.get(id);
      const token = newToken();
      this.repo.addSession(hashToken(token), id, null, this.clock());
      return { simulation: sim, joinCodes: shown(this.repo.joinCodes(id)), facilitatorToken: token };
    });
  }

  /** A new session for the role whose code this is, or null when the code is not one of this simulation's. */
  join(simulationId: string, typedCode: string): { token: string; role: string } | null {
    const role = this.repo.roleByCode(simulationId, normalizeJoinCode(typedCode));
    if (!role) return null;
    const token = newToken();
    const now = this.clock();
    this.db.transaction(() => {
      this.repo.update(simulationId, (sim) => markJoined(sim, role, now));
      this.repo.addSession(hashToken(token), simulationId, role, now);
    })();
    return { token, role };
  }

  /** The seat a token holds in this simulation (role null: the facilitator), or undefined for no valid token. */
  seat(simulationId: string, token: string): { role: string | null } | undefined {
    const s = this.repo.session(hashToken(token));
    return s && s.simulationId === simulationId ? { role: s.role } : undefined;
  }

  view(simulationId: string, role: string | null): SeatView {
    return guard(() => this.seatView(this.repo.get(simulationId), role));
  }

  move(simulationId: string, role: string, move: MoveInput): RoleView {
    return guard(() => {
      const now = this.clock();
      const sim = this.repo.update(simulationId, (s) => (move.kind === 'propose' ? propose(s, role, move.terms, now) : respond(s, role, move.kind === 'accept', now)));
      return roleView(sim, role, now);
    });
  }

  advance(simulationId: string, options: AdvanceOptions): FacilitatorView {
    return this.facilitatorChange(simulationId, (s, now) => advance(s, options, now));
  }

  deadline(simulationId: string, minutes: number | null): FacilitatorView {
    return this.facilitatorChange(simulationId, (s, now) => setDeadline(s, minutes, now));
  }

  brief(simulationId: string, role: string, text: string): FacilitatorView {
    return this.facilitatorChange(simulationId, (s) => setBrief(s, role, text));
  }

  /** Whether the simulation is over (roles may then see the debrief). */
  over(simulationId: string): boolean {
    return guard(() => phase(this.repo.get(simulationId), this.clock()).status !== 'running');
  }

  debrief(simulationId: string): Debrief {
    return guard(() => {
      const sim = this.repo.get(simulationId);
      const now = this.clock();
      const key = `${sim.moves.length}:${phase(sim, now).status}:${sim.roundLog.length}`;
      const cached = this.debriefs.get(simulationId);
      if (cached?.key === key) return { ...cached.value, simulation: { ...cached.value.simulation, now } };
      const value = debrief(sim, now);
      this.debriefs.set(simulationId, { key, value });
      return value;
    });
  }

  debriefReport(simulationId: string): Promise<ExportedFile> {
    const job = guard(() => {
      const d = this.debrief(simulationId);
      const sim = this.repo.get(simulationId);
      return { kind: 'debrief' as const, case: sim.case, debrief: d, fileName: `${sim.case.id}-debrief-${simulationId}.pdf` };
    });
    return this.exports.run(job);
  }

  /**
   * One call from a seat (role null: the facilitator), whoever carries it: the classroom server after its token
   * check, the desktop app's hot seat directly. The seat's permissions and the input's validation live here
   * and nowhere else.
   */
  async dispatch<M extends SeatMethod>(simulationId: string, role: string | null, method: M, raw: unknown): Promise<ClassroomOutputs[M]> {
    const refusal = this.forbidden(simulationId, method, role);
    if (refusal) throw new ApiError('forbidden', refusal);
    return (await this.run(simulationId, role, method, validateClassroomInput(method, raw))) as ClassroomOutputs[M];
  }

  /** Why this seat may not call this method, or null when it may. */
  forbidden(simulationId: string, method: SeatMethod, role: string | null): string | null {
    if (role !== null && FACILITATOR_METHODS.includes(method)) return `only the facilitator may call ${method}`;
    if (role === null && ROLE_METHODS.includes(method)) return `the facilitator plays no role, so cannot ${method === 'propose' ? 'propose a package' : 'answer one'}`;
    if (role !== null && (method === 'debrief' || method === 'debriefReport') && !this.over(simulationId)) return 'the debrief opens to the roles when the simulation has ended';
    return null;
  }

  /** A role takes its seat on this machine (the hot seat's "join"): the facilitator's table shows it as joined. */
  takeSeat(simulationId: string, role: string): void {
    guard(() => this.repo.update(simulationId, (sim) => markJoined(sim, role, this.clock())));
  }

  private run(id: string, role: string | null, method: SeatMethod, input: ClassroomInput<SeatMethod>): unknown {
    switch (method) {
      case 'state':
        return this.view(id, role);
      case 'propose':
        return this.move(id, role!, { kind: 'propose', terms: (input as ClassroomInput<'propose'>).terms });
      case 'respond':
        return this.move(id, role!, { kind: (input as ClassroomInput<'respond'>).accept ? 'accept' : 'reject' });
      case 'advance':
        return this.advance(id, input as ClassroomInput<'advance'>);
      case 'deadline':
        return this.deadline(id, (input as ClassroomInput<'deadline'>).minutes);
      case 'brief': {
        const b = input as ClassroomInput<'brief'>;
        return this.brief(id, b.role, b.text);
      }
      case 'debrief':
        return this.debrief(id);
      case 'debriefReport':
        return this.debriefReport(id);
    }
  }

  private facilitatorChange(simulationId: string, change: (s: Simulation, now: string) => Simulation): FacilitatorView {
    return guard(() => {
      const now = this.clock();
      return facilitatorView(this.repo.update(simulationId, (s) => change(s, now)), now, shown(this.repo.joinCodes(simulationId)));
    });
  }

  private seatView(sim: Simulation, role: string | null): SeatView {
    const now = this.clock();
    if (role === null) return facilitatorView(sim, now, shown(this.repo.joinCodes(sim.id)));
    if (!sim.roles.some((r) => r.party === role)) throw new ApiError('not_found', `"${role}" is not a role of simulation ${sim.id} (roles: ${sim.roles.map((r) => r.party).join(', ')})`);
    return roleView(sim, role, now);
  }
}

/** A classroom input checked against the core's schema; throws ApiError('invalid_input') naming each bad field. */
export function validateClassroomInput<M extends ClassroomMethod>(method: M, raw: unknown): ClassroomInput<M> {
  const r = classroomInputs[method].safeParse(raw ?? {});
  if (r.success) return r.data as ClassroomInput<M>;
  const details = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new ApiError('invalid_input', `invalid input for classroom.${method}: ${details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ')}`, details);
}

const shown = (codes: Record<string, string>) => Object.fromEntries(Object.entries(codes).map(([party, code]) => [party, showJoinCode(code)]));

/** Rules' refusals are conflicts the user can act on; an unknown simulation is not found. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RuleRefused) throw new ApiError('conflict', err.message);
    if (err instanceof NotFoundError) throw new ApiError('not_found', err.message);
    throw err;
  }
}
