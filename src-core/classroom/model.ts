// The vocabulary of a classroom simulation (DESIGN.md §13): a case frozen at creation, the roles that play
// its parties, rounds, and every move with its time. Pure data: the store persists it, the rules change it.
import type { Case } from '../model.ts';

export type SimulationStatus = 'running' | 'agreed' | 'ended';
export type MoveKind = 'propose' | 'accept' | 'reject';
export type Answer = 'accept' | 'reject';

/** At most this many rounds: a class period has room for a handful, a course for a few more. */
export const MAX_ROUNDS = 20;
export const DEFAULT_ROUNDS = 3;
/** A facilitator's brief for one role, in plain text. */
export const MAX_BRIEF_CHARS = 4000;
/** A round's deadline is set in whole minutes from now, up to a whole school day. */
export const MAX_DEADLINE_MINUTES = 600;

export interface Round {
  number: number;
  /** ISO times. */
  startedAt: string;
  /** When moves of this round stop being accepted; null: no deadline, the facilitator ends it. */
  deadline: string | null;
  endedAt: string | null;
}

export interface Move {
  /** 1, 2, … in the order the moves were made. */
  seq: number;
  round: number;
  /** The party id of the role that moved. */
  role: string;
  kind: MoveKind;
  /** The package proposed (issue → option; an issue left out is not addressed); only for 'propose'. */
  terms?: Record<string, string>;
  at: string;
}

export interface Role {
  /** A party of the case. */
  party: string;
  /** The facilitator's brief for this role ('' when none). */
  brief: string;
  /** When someone first joined as this role; null while nobody has. */
  joinedAt: string | null;
}

export interface Simulation {
  id: string;
  /** The case as it was at creation, restricted to the roles' parties and their positions in force. */
  case: Case;
  roles: Role[];
  /** The last round there can be. */
  rounds: number;
  /** Rounds begun so far, in order; the last one is the current round. */
  roundLog: Round[];
  status: SimulationStatus;
  moves: Move[];
  createdAt: string;
  endedAt: string | null;
}

/** The package on the table: the latest proposal, and every role's answer to it so far. */
export interface Table {
  /** The seq of the proposal. */
  seq: number;
  round: number;
  proposer: string;
  terms: Record<string, string>;
  /** party → its latest answer to this package; the proposer counts as accepting; null: no answer yet. */
  answers: Record<string, Answer | null>;
}

/** A rule refused a move or a facilitator action; `message` says why and what to do instead. */
export class RuleRefused extends Error {
  override name = 'RuleRefused';
}
