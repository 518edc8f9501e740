/** The Chromium the end-to-end tests use, or null when there is none. */
export function findChromium(): string | null;
/** Finds or installs the browser and file checkers `npm test` needs; exits with one line of advice where it cannot. */
export function ensureTestTools(): Promise<void>;
