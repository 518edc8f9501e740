// The classroom screens' way to the classroom server: POST /api/classroom.<method> with the seat's bearer
// token. The token lives in this tab only (sessionStorage), so a reload keeps the seat and another tab,
// another student, gets its own.
import type { ClassroomInput, ClassroomMethod, ClassroomOutputs, SeatMethod } from '../../src-core/classroom/inputs.ts';
import { ApiCallError } from '../lib/api-client.ts';

/**
 * How a screen reaches its seat's classroom, whatever carries the call: the classroom server with the seat's
 * token (tokenCall), or the desktop app's api in the hot seat. The screens hold no transport of their own.
 */
export type SeatCall = <M extends SeatMethod>(method: M, input: ClassroomInput<M>) => Promise<ClassroomOutputs[M]>;

export const tokenCall = (token: string): SeatCall => (method, input) => classroomCall(method, input, token);

const KEY = 'parley-classroom-token';

/** The facilitator's link carries its token after "#token=": taken once, then out of the address bar. */
export function takeToken(): string | null {
  const m = /#token=([\w-]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(KEY, m[1]!);
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem(KEY);
}

export const keepToken = (token: string) => sessionStorage.setItem(KEY, token);
export const forgetToken = () => sessionStorage.removeItem(KEY);

export async function classroomCall<M extends ClassroomMethod>(method: M, input: ClassroomInput<M>, token: string | null): Promise<ClassroomOutputs[M]> {
  let res: Response;
  try {
    res = await fetch(`/api/classroom.${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
      body: JSON.stringify(input),
    });
  } catch {
    throw new ApiCallError('offline', 'The classroom server is not reachable. Check the network, or ask your facilitator whether it is still running.');
  }
  const body = (await res.json().catch(() => null)) as { ok: boolean; value?: unknown; error?: { code: string; message: string } } | null;
  if (body?.ok) return body.value as ClassroomOutputs[M];
  throw new ApiCallError(body?.error?.code ?? 'internal', body?.error?.message ?? `the server answered ${res.status}`);
}
