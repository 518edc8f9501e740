// Classroom simulations in the library (migration 005). A change is one transaction that reads the
// simulation, applies a pure rule to it and writes what the rule changed; the rules only ever append moves
// and rounds, so the writes are a handful of rows whatever the length of the class.
import type Database from 'better-sqlite3';
import type { Move, Round, Simulation, SimulationStatus } from '../../src-core/classroom/model.ts';
import type { Case } from '../../src-core/model.ts';
import { NotFoundError } from './case-repository.ts';

export interface SimulationSummary {
  id: string;
  caseId: string;
  title: string;
  roles: string[];
  rounds: number;
  round: number;
  status: SimulationStatus;
  createdAt: string;
  endedAt: string | null;
}

/** A session token's hash resolves to its simulation and seat (role null: the facilitator). */
export interface SessionRow {
  simulationId: string;
  role: string | null;
}

type Row = Record<string, unknown>;

export class SimulationRepository {
  private readonly db: Database.Database;
  private readonly stmt;
  /** Snapshots never change, so each is parsed once per connection. */
  private readonly snapshots = new Map<string, Case>();

  constructor(db: Database.Database) {
    this.db = db;
    const p = (sql: string) => db.prepare(sql);
    this.stmt = {
      list: p(`SELECT s.id, s.case_id, s.title, s.rounds, s.status, s.created_at, s.ended_at,
                 (SELECT max(number) FROM simulation_rounds WHERE simulation_id = s.id) AS round,
                 (SELECT json_group_array(party_id) FROM (SELECT party_id FROM simulation_roles WHERE simulation_id = s.id ORDER BY ord)) AS roles
               FROM simulations s ORDER BY s.created_at DESC, s.id`),
      get: p('SELECT * FROM simulations WHERE id = ?'),
      roles: p('SELECT party_id, brief, joined_at FROM simulation_roles WHERE simulation_id = ? ORDER BY ord'),
      rounds: p('SELECT number, started_at, deadline, ended_at FROM simulation_rounds WHERE simulation_id = ? ORDER BY number'),
      moves: p('SELECT seq, round, role, kind, terms, at FROM simulation_moves WHERE simulation_id = ? ORDER BY seq'),
      codes: p('SELECT party_id, join_code FROM simulation_roles WHERE simulation_id = ? ORDER BY ord'),
      roleByCode: p('SELECT party_id FROM simulation_roles WHERE simulation_id = ? AND join_code = ?').pluck(),
      insertSimulation: p(`INSERT INTO simulations (id, case_id, title, snapshot, rounds, status, created_at, ended_at)
                           VALUES (@id, @caseId, @title, @snapshot, @rounds, @status, @createdAt, @endedAt)`),
      insertRole: p('INSERT INTO simulation_roles (simulation_id, party_id, ord, join_code, brief, joined_at) VALUES (?, ?, ?, ?, ?, ?)'),
      updateSimulation: p('UPDATE simulations SET status = ?, ended_at = ? WHERE id = ?'),
      updateRole: p('UPDATE simulation_roles SET brief = ?, joined_at = ? WHERE simulation_id = ? AND party_id = ?'),
      upsertRound: p(`INSERT INTO simulation_rounds (simulation_id, number, started_at, deadline, ended_at) VALUES (?, ?, ?, ?, ?)
                      ON CONFLICT (simulation_id, number) DO UPDATE SET deadline = excluded.deadline, ended_at = excluded.ended_at`),
      insertMove: p('INSERT INTO simulation_moves (simulation_id, seq, round, role, kind, terms, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertSession: p('INSERT INTO simulation_sessions (token_hash, simulation_id, role, created_at) VALUES (?, ?, ?, ?)'),
      session: p('SELECT simulation_id, role FROM simulation_sessions WHERE token_hash = ?'),
    };
  }

  list(): SimulationSummary[] {
    return (this.stmt.list.all() as Row[]).map((r) => ({
      id: r.id as string,
      caseId: r.case_id as string,
      title: r.title as string,
      roles: JSON.parse(r.roles as string) as string[],
      rounds: r.rounds as number,
      round: r.round as number,
      status: r.status as SimulationStatus,
      createdAt: r.created_at as string,
      endedAt: (r.ended_at as string | null) ?? null,
    }));
  }

  has(id: string): boolean {
    return this.stmt.get.get(id) !== undefined;
  }

  get(id: string): Simulation {
    const row = this.stmt.get.get(id) as Row | undefined;
    if (!row) throw new NotFoundError(`no simulation "${id}" in this library`);
    let snapshot = this.snapshots.get(id);
    if (!snapshot) {
      snapshot = JSON.parse(row.snapshot as string) as Case;
      this.snapshots.set(id, snapshot);
    }
    return {
      id,
      case: snapshot,
      roles: (this.stmt.roles.all(id) as Row[]).map((r) => ({ party: r.party_id as string, brief: r.brief as string, joinedAt: (r.joined_at as string | null) ?? null })),
      rounds: row.rounds as number,
      roundLog: (this.stmt.rounds.all(id) as Row[]).map((r) => ({ number: r.number as number, startedAt: r.started_at as string, deadline: (r.deadline as string | null) ?? null, endedAt: (r.ended_at as string | null) ?? null })),
      status: row.status as SimulationStatus,
      moves: (this.stmt.moves.all(id) as Row[]).map(moveOf),
      createdAt: row.created_at as string,
      endedAt: (row.ended_at as string | null) ?? null,
    };
  }

  /** Stores a new simulation with one join code per role (party id → code), all or nothing. */
  create(sim: Simulation, codes: Readonly<Record<string, string>>): void {
    this.db.transaction(() => {
      this.stmt.insertSimulation.run({ id: sim.id, caseId: sim.case.id, title: sim.case.title, snapshot: JSON.stringify(sim.case), rounds: sim.rounds, status: sim.status, createdAt: sim.createdAt, endedAt: sim.endedAt });
      sim.roles.forEach((r, i) => {
        const code = codes[r.party];
        if (!code) throw new Error(`no join code for role "${r.party}"`);
        this.stmt.insertRole.run(sim.id, r.party, i, code, r.brief, r.joinedAt);
      });
      this.writeChanges(emptyLike(sim), sim);
    })();
  }

  /**
   * Applies `change` to the stored simulation in one immediate transaction (so two processes sharing the
   * library cannot interleave) and writes what it changed. Whatever `change` throws leaves the store as it was.
   */
  update(id: string, change: (sim: Simulation) => Simulation): Simulation {
    return this.db.transaction(() => {
      const before = this.get(id);
      const after = change(before);
      this.writeChanges(before, after);
      return after;
    }).immediate();
  }

  joinCodes(id: string): Record<string, string> {
    return Object.fromEntries((this.stmt.codes.all(id) as Row[]).map((r) => [r.party_id as string, r.join_code as string]));
  }

  roleByCode(id: string, code: string): string | undefined {
    return this.stmt.roleByCode.get(id, code) as string | undefined;
  }

  addSession(tokenHash: string, simulationId: string, role: string | null, now: string): void {
    this.stmt.insertSession.run(tokenHash, simulationId, role, now);
  }

  session(tokenHash: string): SessionRow | undefined {
    const r = this.stmt.session.get(tokenHash) as Row | undefined;
    return r && { simulationId: r.simulation_id as string, role: (r.role as string | null) ?? null };
  }

  private writeChanges(before: Simulation, after: Simulation): void {
    if (after.moves.length < before.moves.length || after.roundLog.length < before.roundLog.length) throw new Error('a simulation never loses moves or rounds');
    if (after.status !== before.status || after.endedAt !== before.endedAt) this.stmt.updateSimulation.run(after.status, after.endedAt, after.id);
    after.roles.forEach((r, i) => {
      const was = before.roles[i];
      if (was && (was.brief !== r.brief || was.joinedAt !== r.joinedAt)) this.stmt.updateRole.run(r.brief, r.joinedAt, after.id, r.party);
    });
    after.roundLog.forEach((r, i) => {
      if (!sameRound(before.roundLog[i], r)) this.stmt.upsertRound.run(after.id, r.number, r.startedAt, r.deadline, r.endedAt);
    });
    for (const m of after.moves.slice(before.moves.length)) this.stmt.insertMove.run(after.id, m.seq, m.round, m.role, m.kind, m.terms ? JSON.stringify(m.terms) : null, m.at);
  }
}

const sameRound = (a: Round | undefined, b: Round) => a !== undefined && a.number === b.number && a.deadline === b.deadline && a.endedAt === b.endedAt;

/** The simulation as a fresh row holds it before its rounds and moves are written. */
const emptyLike = (sim: Simulation): Simulation => ({ ...sim, roundLog: [], moves: [] });

function moveOf(r: Row): Move {
  return { seq: r.seq as number, round: r.round as number, role: r.role as string, kind: r.kind as Move['kind'], ...(r.terms !== null && { terms: JSON.parse(r.terms as string) as Record<string, string> }), at: r.at as string };
}
