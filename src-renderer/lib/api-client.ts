// The renderer's way to the api: window.parley in Electron (preload), HTTP in browser mode.
// Same contract (src-core/api.ts) either way.
import type { ApiInput, ApiMethod, ApiOutputs, ParleyApi } from '../../src-core/api.ts';
import { API_METHOD_NAMES, type ApiReply, type CaseFileContent } from '../../src-core/api-methods.ts';

export class ApiCallError extends Error {
  override name = 'ApiCallError';
  readonly code: string;
  readonly details: { path: string; message: string }[] | undefined;
  constructor(code: string, message: string, details?: { path: string; message: string }[]) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** window.parley, from the preload: each api method answers its reply, errors included. */
export type DesktopBridge = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiReply<ApiOutputs[M]>> } & {
  /** File ▸ commands from the native menu; 'import-case' comes with the file chosen in main's dialog. */
  onMenuCommand(listener: (command: string, file?: CaseFileContent) => void): () => void;
};

declare global {
  interface Window {
    parley?: DesktopBridge;
  }
}

function httpApi(base = ''): ParleyApi {
  const api = {} as Record<ApiMethod, (input: unknown) => Promise<unknown>>;
  for (const method of API_METHOD_NAMES) {
    api[method] = async (input: unknown) => {
      let res: Response;
      try {
        res = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input ?? {}) });
      } catch {
        throw new ApiCallError('offline', 'Parley’s server is not reachable. Is `parley serve` still running?');
      }
      const body = (await res.json().catch(() => null)) as ApiReply | null;
      if (body?.ok) return body.value;
      throw new ApiCallError(body?.error.code ?? 'internal', body?.error.message ?? `the server answered ${res.status}`, body?.error.details);
    };
  }
  return api as unknown as ParleyApi;
}

export function desktopApi(bridge: DesktopBridge): ParleyApi {
  const api = {} as Record<ApiMethod, (input: unknown) => Promise<unknown>>;
  for (const method of API_METHOD_NAMES) {
    api[method] = async (input: unknown) => {
      let reply: ApiReply;
      try {
        reply = await (bridge[method] as (i: unknown) => Promise<ApiReply>)(input);
      } catch (err) {
        // Only IPC itself fails this way (e.g. main is gone); api errors arrive as replies.
        throw new ApiCallError('internal', (err as Error).message ?? String(err));
      }
      if (reply.ok) return reply.value;
      throw new ApiCallError(reply.error.code, reply.error.message, reply.error.details);
    };
  }
  return api as unknown as ParleyApi;
}

export const isDesktop = typeof window !== 'undefined' && window.parley !== undefined;
export const api: ParleyApi = isDesktop ? desktopApi(window.parley!) : httpApi();

export type { ApiInput, ApiOutputs, CaseFileContent };
