// The rules of a classroom simulation (DESIGN.md §13), as pure functions (simulation, action, now) → the
// simulation after it. A refused action throws RuleRefused saying why; nothing else changes.
// Times are ISO strings from the caller's clock, so the rules never read a clock of their own.
import { conflicts, describeEntry } from '../incompatible.ts';
import type { Case, Position } from '../model.ts';
import { compileCase, effectivePosition } from '../scoring.ts';
import { DEFAULT_ROUNDS, MAX_BRIEF_CHARS, MAX_DEADLINE_MINUTES, MAX_ROUNDS, RuleRefused, type Answer, type Move, type Round, type Simulation, type SimulationStatus, type Table } from './model.ts';

export interface CreateOptions {
  id: string;
  /** Party ids that get a role, at least two; default: every party of the case. */
  roles?: readonly string[];
  rounds?: number;
  now: string;
}

/**
 * A new simulation in its first round. The case is frozen here: only the roles' parties and the positions
 * in force at the case's as-of date are kept, so a later edit of the case changes nothing in a running class
 * and the snapshot holds nothing about a party nobody plays.
 */
export function createSimulation(c: Case, options: CreateOptions): Simulation {
  const roles = options.roles ?? c.parties.map((p) => p.id);
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const known = c.parties.map((p) => p.id).join(', ');
  for (const r of roles) if (!c.parties.some((p) => p.id === r)) throw new RuleRefused(`roles: "${r}" is not a party of case "${c.id}" (parties: ${known})`);
  const twice = roles.find((r, i) => roles.indexOf(r) !== i);
  if (twice) throw new RuleRefused(`roles: "${twice}" is given twice`);
  if (roles.length < 2) throw new RuleRefused(`roles: a simulation needs at least two roles (case "${c.id}" has ${c.parties.length === 1 ? 'one party' : `${c.parties.length} parties`}: ${known || 'none'})`);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_ROUNDS) throw new RuleRefused(`rounds: must be a whole number from 1 to ${MAX_ROUNDS} (got ${rounds})`);
  // A deep copy: nothing the caller later does to its case object reaches the simulation.
  const snapshot = freezeCase(JSON.parse(JSON.stringify(c)) as Case, roles);
  const silent = roles.filter((r) => !snapshot.positions.some((p) => p.party === r));
  if (silent.length) throw new RuleRefused(`roles: ${silent.map((r) => `"${r}"`).join(', ')} ${silent.length === 1 ? 'has' : 'have'} no stated position in case "${c.id}", so ${silent.length === 1 ? 'it has' : 'they have'} nothing to negotiate for`);
  return {
    id: options.id,
    case: snapshot,
    roles: snapshot.parties.map((p) => ({ party: p.id, brief: '', joinedAt: null })),
    rounds,
    roundLog: [{ number: 1, startedAt: options.now, deadline: null, endedAt: null }],
    status: 'running',
    moves: [],
    createdAt: options.now,
    endedAt: null,
  };
}

/** The case restricted to the roles' parties (in case order) and their positions in force at its as-of date. */
function freezeCase(c: Case, roles: readonly string[]): Case {
  const asOf = c.asOf ?? null;
  const parties = c.parties.filter((p) => roles.includes(p.id));
  const positions: Position[] = [];
  for (const p of parties) {
    for (const issue of c.issues) {
      const pos = effectivePosition(c.positions, p.id, issue.id, asOf);
      if (pos) positions.push(pos);
    }
  }
  const cited = new Set([...positions.map((p) => p.source), ...c.scenarios.map((s) => s.source), ...c.incompatible.map((e) => e.source)]);
  return {
    ...c,
    parties,
    positions,
    sources: c.sources.filter((s) => cited.has(s.id)),
    scenarios: c.scenarios.map(({ saved: _saved, ...s }) => s),
  };
}

export const currentRound = (sim: Simulation): Round => sim.roundLog[sim.roundLog.length - 1]!;

export const roleName = (sim: Simulation, party: string): string => sim.case.parties.find((p) => p.id === party)?.name ?? party;

/** The package on the table: the latest proposal with every role's latest answer to it. */
export function table(sim: Simulation): Table | null {
  let at = -1;
  for (let i = sim.moves.length - 1; i >= 0; i--) {
    if (sim.moves[i]!.kind === 'propose') {
      at = i;
      break;
    }
  }
  if (at < 0) return null;
  const proposal = sim.moves[at]!;
  const answers: Record<string, Answer | null> = Object.fromEntries(sim.roles.map((r) => [r.party, r.party === proposal.role ? 'accept' : null]));
  for (const m of sim.moves.slice(at + 1)) if (m.kind !== 'propose') answers[m.role] = m.kind;
  return { seq: proposal.seq, round: proposal.round, proposer: proposal.role, terms: proposal.terms ?? {}, answers };
}

/** The agreement: the package every role accepted, once there is one. */
export const agreement = (sim: Simulation): Table | null => (sim.status === 'agreed' ? table(sim) : null);

export interface Phase {
  /** 'ended' also once the last round's deadline has passed, before the facilitator says so. */
  status: SimulationStatus;
  round: number;
  rounds: number;
  deadline: string | null;
  /** Whether roles may move now. */
  open: boolean;
  /** Why roles may not move, in words; null while they may. */
  closed: string | null;
}

export function phase(sim: Simulation, now: string): Phase {
  const round = currentRound(sim);
  const base = { round: round.number, rounds: sim.rounds, deadline: round.deadline };
  if (sim.status === 'agreed') return { ...base, status: 'agreed', open: false, closed: `The simulation has ended: every role accepted the package on the table (round ${agreementRound(sim)}).` };
  if (sim.status === 'ended') return { ...base, status: 'ended', open: false, closed: 'The simulation has ended without an agreement.' };
  if (round.deadline !== null && now >= round.deadline) {
    if (round.number >= sim.rounds) return { ...base, status: 'ended', open: false, closed: `The last round's deadline has passed: the simulation is over.` };
    return { ...base, status: 'running', open: false, closed: `Round ${round.number}'s deadline has passed; the facilitator opens round ${round.number + 1}.` };
  }
  return { ...base, status: 'running', open: true, closed: null };
}

const agreementRound = (sim: Simulation) => sim.moves[sim.moves.length - 1]?.round ?? currentRound(sim).number;

function assertRole(sim: Simulation, role: string): void {
  if (!sim.roles.some((r) => r.party === role)) throw new RuleRefused(`"${role}" is not a role of this simulation (roles: ${sim.roles.map((r) => r.party).join(', ')})`);
}

function assertOpen(sim: Simulation, now: string): void {
  const p = phase(sim, now);
  if (!p.open) throw new RuleRefused(`${p.closed} No more moves can be made${p.status === 'running' ? ' until then' : ''}.`);
}

function withMove(sim: Simulation, move: Omit<Move, 'seq' | 'round'>): Simulation {
  return { ...sim, moves: [...sim.moves, { seq: sim.moves.length + 1, round: currentRound(sim).number, ...move }] };
}

/** Each role may propose once per round; its own proposal counts as its acceptance. */
export function propose(sim: Simulation, role: string, terms: Record<string, string>, now: string): Simulation {
  assertRole(sim, role);
  assertOpen(sim, now);
  const round = currentRound(sim).number;
  if (sim.moves.some((m) => m.round === round && m.role === role && m.kind === 'propose')) {
    throw new RuleRefused(`${roleName(sim, role)} has already proposed a package in round ${round}; each role may propose once per round. Accept or reject the package on the table, or wait for round ${round + 1}.`);
  }
  const errors = termsErrors(sim.case, terms);
  if (errors.length) throw new RuleRefused(`the package does not fit the case: ${errors.join('; ')}`);
  const held = conflicts(compileCase(sim.case, sim.case.asOf ?? null), terms);
  if (held.length) {
    throw new RuleRefused(`these terms cannot all hold at once: ${held.map((k) => `${describeEntry(sim.case, sim.case.incompatible[k]!)} (${sim.case.incompatible[k]!.reason})`).join('; ')}`);
  }
  const sorted = Object.fromEntries(sim.case.issues.filter((i) => terms[i.id] !== undefined).map((i) => [i.id, terms[i.id]!]));
  return withMove(sim, { role, kind: 'propose', terms: sorted, at: now });
}

export function termsErrors(c: Case, terms: Record<string, string>): string[] {
  const errors: string[] = [];
  for (const [issueId, optionId] of Object.entries(terms)) {
    const issue = c.issues.find((i) => i.id === issueId);
    if (!issue) errors.push(`terms.${issueId}: "${issueId}" is not an issue of the case (issues: ${c.issues.map((i) => i.id).join(', ')})`);
    else if (!issue.options.some((o) => o.id === optionId)) errors.push(`terms.${issueId}: "${optionId}" is not an option of "${issue.name}" (options: ${issue.options.map((o) => o.id).join(', ')})`);
  }
  return errors;
}

/**
 * Accepts or rejects the package on the table. A role may change its answer until there is an agreement;
 * the package is the agreement, and the simulation ends, as soon as every role accepts it.
 */
export function respond(sim: Simulation, role: string, accept: boolean, now: string): Simulation {
  assertRole(sim, role);
  assertOpen(sim, now);
  const t = table(sim);
  if (!t) throw new RuleRefused('there is no package on the table yet: propose one first');
  if (t.proposer === role) throw new RuleRefused(`${roleName(sim, role)} proposed the package on the table, which counts as accepting it`);
  const answer: Answer = accept ? 'accept' : 'reject';
  if (t.answers[role] === answer) throw new RuleRefused(`${roleName(sim, role)} has already ${accept ? 'accepted' : 'rejected'} the package on the table`);
  const next = withMove(sim, { role, kind: answer, at: now });
  const after = table(next)!;
  if (!Object.values(after.answers).every((a) => a === 'accept')) return next;
  return { ...closeRound(next, now), status: 'agreed', endedAt: now };
}

function closeRound(sim: Simulation, now: string): Simulation {
  const round = currentRound(sim);
  // A round whose deadline passed ended then, not when the facilitator noticed.
  const endedAt = round.deadline !== null && round.deadline < now ? round.deadline : now;
  return { ...sim, roundLog: [...sim.roundLog.slice(0, -1), { ...round, endedAt }] };
}

export interface AdvanceOptions {
  /** End the simulation now, even before the last round. */
  end?: boolean;
  /** A deadline for the round that opens, in minutes from now. */
  deadlineMinutes?: number;
}

/** The facilitator closes the current round and opens the next one, or ends the simulation after the last. */
export function advance(sim: Simulation, options: AdvanceOptions, now: string): Simulation {
  if (sim.status !== 'running') throw new RuleRefused(phase(sim, now).closed!);
  const closed = closeRound(sim, now);
  const round = currentRound(sim).number;
  if (options.end || round >= sim.rounds) return { ...closed, status: 'ended', endedAt: currentRound(closed).endedAt };
  const deadline = options.deadlineMinutes === undefined ? null : deadlineIn(options.deadlineMinutes, now);
  return { ...closed, roundLog: [...closed.roundLog, { number: round + 1, startedAt: now, deadline, endedAt: null }] };
}

/** Sets, moves or (null) removes the current round's deadline; a later deadline reopens a round whose deadline passed. */
export function setDeadline(sim: Simulation, minutes: number | null, now: string): Simulation {
  if (sim.status !== 'running') throw new RuleRefused(phase(sim, now).closed!);
  const round = currentRound(sim);
  return { ...sim, roundLog: [...sim.roundLog.slice(0, -1), { ...round, deadline: minutes === null ? null : deadlineIn(minutes, now) }] };
}

function deadlineIn(minutes: number, now: string): string {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_DEADLINE_MINUTES) throw new RuleRefused(`a deadline is a whole number of minutes from 1 to ${MAX_DEADLINE_MINUTES} (got ${minutes})`);
  return new Date(Date.parse(now) + minutes * 60_000).toISOString();
}

export function setBrief(sim: Simulation, role: string, text: string): Simulation {
  assertRole(sim, role);
  if (text.length > MAX_BRIEF_CHARS) throw new RuleRefused(`the brief for ${roleName(sim, role)} is ${text.length} characters; at most ${MAX_BRIEF_CHARS}`);
  return { ...sim, roles: sim.roles.map((r) => (r.party === role ? { ...r, brief: text } : r)) };
}

/** Records that someone joined as `role` (the first time only). */
export function markJoined(sim: Simulation, role: string, now: string): Simulation {
  assertRole(sim, role);
  return { ...sim, roles: sim.roles.map((r) => (r.party === role && r.joinedAt === null ? { ...r, joinedAt: now } : r)) };
}
