// Types of idle.mjs (a plain module, so that the HiGHS process can import it without a bundler).
/** Resolves once this process is idle (under 5 ms of CPU in 250 ms, at most 10 s). */
export function quiet(): Promise<void>;
