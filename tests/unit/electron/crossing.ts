// How values cross Electron's boundaries, as the stand-in copies them: contextBridge between the
// preload's isolated world and the page, structured cloning over IPC, and the URL a loaded file gets.
import url from 'node:url';

type Listener = (...args: unknown[]) => unknown;

/** The URL Electron's webContents.loadFile(file) ends up at, as the page's frames report it. */
export function electronFileUrl(file: string): string {
  // Electron formats it with the legacy url.format (which escapes only # and ?); Chromium then
  // canonicalises it (the WHATWG parser is a close model: it escapes spaces and non-ASCII but keeps % [ ]).
  return new URL(url.format({ protocol: 'file', slashes: true, pathname: file })).href;
}

export class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** Electron's copy between the isolated world and the page (contextBridge). */
export function bridged(value: unknown): unknown {
  if (typeof value === 'function') return (...args: unknown[]) => callAcross(value as Listener, args);
  if (value instanceof Promise) return value.then(bridged, (err: unknown) => Promise.reject(reducedError(err)));
  if (value instanceof Error) return new Error(value.message);
  if (typeof value === 'symbol') throw new Error('An object could not be cloned.');
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(bridged);
  if (value instanceof Date || value instanceof RegExp || value instanceof Map || value instanceof Set || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    return structuredClone(value);
  }
  // Plain objects and class instances alike arrive as plain objects: own enumerable properties only.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bridged(v)]));
}

function reducedError(err: unknown): unknown {
  return err instanceof Error ? new Error(err.message) : bridged(err);
}

function callAcross(fn: Listener, args: unknown[]): unknown {
  let result: unknown;
  try {
    result = fn(...args.map(bridged));
  } catch (err) {
    throw reducedError(err);
  }
  return bridged(result);
}

/** Electron's IPC serialisation: the structured clone algorithm ("An object could not be cloned" otherwise). */
export function ipcClone<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    throw new Error('An object could not be cloned.');
  }
}
