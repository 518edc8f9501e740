// The classroom's api inputs as zod schemas: the classroom server's methods (POST /api/classroom.<method>,
// DESIGN.md §13), validated with these before any of them runs.
import { z } from 'zod';
import type { ExportedFile } from '../api.ts';
import { ID_PATTERN } from '../model.ts';
import type { Debrief } from './debrief.ts';
import { MAX_BRIEF_CHARS, MAX_DEADLINE_MINUTES } from './model.ts';
import type { FacilitatorView, RoleView, SeatView } from './view.ts';

const id = z.string().regex(ID_PATTERN, 'must be 1–64 characters of a–z, 0–9 and "-"');
const terms = z.record(id, id);
const minutes = z.number().int('must be a whole number of minutes').min(1, 'must be at least 1 minute').max(MAX_DEADLINE_MINUTES, `must be at most ${MAX_DEADLINE_MINUTES} minutes`);
const advance = { end: z.boolean().optional(), deadlineMinutes: minutes.optional() };
const brief = { role: id, text: z.string().max(MAX_BRIEF_CHARS, `must be at most ${MAX_BRIEF_CHARS} characters`) };

export const classroomInputs = {
  /** The one call without a token: a join code in, a session token out. */
  join: z.strictObject({ code: z.string().max(64, 'is too long to be a join code') }),
  state: z.strictObject({}),
  propose: z.strictObject({ terms }),
  respond: z.strictObject({ accept: z.boolean() }),
  advance: z.strictObject(advance),
  deadline: z.strictObject({ minutes: minutes.nullable() }),
  brief: z.strictObject(brief),
  debrief: z.strictObject({}),
  debriefReport: z.strictObject({}),
} as const;

export type ClassroomMethod = keyof typeof classroomInputs;
export type ClassroomInput<M extends ClassroomMethod> = z.output<(typeof classroomInputs)[M]>;
export const CLASSROOM_METHODS = Object.keys(classroomInputs) as ClassroomMethod[];
/** The calls a seat makes once it is taken: everything but join (the hot seat has no join at all). */
export const SEAT_METHODS = CLASSROOM_METHODS.filter((m) => m !== 'join') as Exclude<ClassroomMethod, 'join'>[];
export type SeatMethod = Exclude<ClassroomMethod, 'join'>;

export interface ClassroomOutputs {
  join: { token: string; role: string };
  state: SeatView;
  propose: RoleView;
  respond: RoleView;
  advance: FacilitatorView;
  deadline: FacilitatorView;
  brief: FacilitatorView;
  debrief: Debrief;
  debriefReport: ExportedFile;
}
/** Methods only the facilitator may call; a role token gets 403. */
export const FACILITATOR_METHODS: readonly ClassroomMethod[] = ['advance', 'deadline', 'brief'];
/** Methods only a role may call (the facilitator plays no party). */
export const ROLE_METHODS: readonly ClassroomMethod[] = ['propose', 'respond'];

export const isClassroomMethod = (name: string): name is ClassroomMethod => Object.prototype.hasOwnProperty.call(classroomInputs, name);
