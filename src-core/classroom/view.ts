// What each seat may see (DESIGN.md §13). A role sees the issues and options, the public scenarios, its own
// party (reservation included) and its own positions, the package on the table and every move — and nothing
// of another role's saliences, stances, utilities or reservation. The facilitator sees everything.
// These projections are what the classroom api sends: a role's answer is built only from this.
import { partyColors } from '../charts/palette.ts';
import type { Case } from '../model.ts';
import type { Move, Simulation, Table } from './model.ts';
import { phase, table, type Phase } from './rules.ts';

export interface SimulationInfo extends Phase {
  id: string;
  caseId: string;
  title: string;
  createdAt: string;
  endedAt: string | null;
  /** The server's clock when this view was made, so a browser can count down to a deadline whatever its own clock says. */
  now: string;
}

/** What everyone may know about a role: who plays it, and whether anyone has joined as it yet. */
export interface RoleCard {
  party: string;
  name: string;
  color: string;
  joined: boolean;
}

interface SeatBase {
  simulation: SimulationInfo;
  roles: RoleCard[];
  table: Table | null;
  moves: Move[];
}

export interface RoleView extends SeatBase {
  seat: 'role';
  role: string;
  brief: string;
  /** The case as this role may know it: every issue, option, scenario and incompatible entry, but only its
   * own party and positions — so scoring it gives this role's own match and nobody else's. */
  case: Case;
  /** Whether this role may still propose in the current round. */
  mayPropose: boolean;
}

export interface FacilitatorRole extends RoleCard {
  brief: string;
  joinedAt: string | null;
}

export interface FacilitatorView extends SeatBase {
  seat: 'facilitator';
  roles: FacilitatorRole[];
  /** The whole frozen case. */
  case: Case;
  /** party → the code students type to join as it (empty where the caller has none to show). */
  joinCodes: Record<string, string>;
}

export type SeatView = RoleView | FacilitatorView;

export function simulationInfo(sim: Simulation, now: string): SimulationInfo {
  return { id: sim.id, caseId: sim.case.id, title: sim.case.title, createdAt: sim.createdAt, endedAt: sim.endedAt, now, ...phase(sim, now) };
}

function roleCards(sim: Simulation): RoleCard[] {
  const colors = partyColors(sim.case);
  return sim.roles.map((r) => ({ party: r.party, name: sim.case.parties.find((p) => p.id === r.party)!.name, color: colors.get(r.party)!, joined: r.joinedAt !== null }));
}

export function roleView(sim: Simulation, role: string, now: string): RoleView {
  const own = sim.roles.find((r) => r.party === role);
  if (!own) throw new Error(`"${role}" is not a role of simulation ${sim.id}`);
  const cards = roleCards(sim);
  const party = sim.case.parties.find((p) => p.id === role)!;
  const positions = sim.case.positions.filter((p) => p.party === role);
  // Sources are kept only where this role's positions, the scenarios or the incompatible entries cite them.
  const cited = new Set([...positions.map((p) => p.source), ...sim.case.scenarios.map((s) => s.source), ...sim.case.incompatible.map((e) => e.source)]);
  const c: Case = {
    ...sim.case,
    parties: [{ ...party, color: cards.find((x) => x.party === role)!.color }],
    positions,
    sources: sim.case.sources.filter((s) => cited.has(s.id)),
  };
  const info = simulationInfo(sim, now);
  const proposed = sim.moves.some((m) => m.round === info.round && m.role === role && m.kind === 'propose');
  return { seat: 'role', simulation: info, role, brief: own.brief, case: c, roles: cards, table: table(sim), moves: sim.moves, mayPropose: info.open && !proposed };
}

export function facilitatorView(sim: Simulation, now: string, joinCodes: Record<string, string> = {}): FacilitatorView {
  const cards = roleCards(sim);
  const roles = sim.roles.map((r, i) => ({ ...cards[i]!, brief: r.brief, joinedAt: r.joinedAt }));
  return { seat: 'facilitator', simulation: simulationInfo(sim, now), roles, case: sim.case, table: table(sim), moves: sim.moves, joinCodes };
}
