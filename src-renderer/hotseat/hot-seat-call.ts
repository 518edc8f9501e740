// The hot seat's way to the classroom: the app's own api (IPC in Electron, HTTP in browser mode), one seat at
// a time. The classroom screens get this in place of the server's token-carrying call.
import type { ClassroomOutputs } from '../../src-core/classroom/inputs.ts';
import { api } from '../lib/api-client.ts';
import type { SeatCall } from '../classroom/client.ts';

/** role null: the facilitator. */
export const hotSeatCall = (simulationId: string, role: string | null): SeatCall =>
  (method, input) => api.hotSeatCall({ simulationId, seat: role, method, input }) as Promise<ClassroomOutputs[typeof method]>;
