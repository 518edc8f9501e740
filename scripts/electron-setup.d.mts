export class SetupError extends Error {}
/** Builds main, preload and renderer into out/ with electron-vite. */
export function buildApp(root: string): void;
/** Copies a package's sources, without its own build output, to build it elsewhere. */
export function copyPackageSource(source: string, dest: string): void;
/** The architecture an executable is built for, read from its header. */
export function electronArch(binary: string): string;
export function findNodeGyp(env?: NodeJS.ProcessEnv): { command: string; script: string[] } | null;
export interface BuildStep {
  label: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}
/** The ways to get better-sqlite3 for Electron, in the order to try them. */
export function nativeBuildCommands(options: { electronVersion: string; arch: string; env?: NodeJS.ProcessEnv }): BuildStep[];
export function buildBetterSqlite3ForElectron(options: { electronVersion: string; arch: string; nativeFile: string }): void;
/** Where `npm start` and `npm run dist` keep better-sqlite3 for Electron. */
export function nativeBindingFile(root: string, electronVersion: string, platform: string, arch: string): string;
export function electronBinary(electronDir: string): string | null;
export function ensureElectronBinary(electronDir: string, electronVersion: string): void;
export interface ExitStatus {
  code: number;
  message?: string;
}
export function electronExitStatus(code: number | null, signal: NodeJS.Signals | null, platform?: NodeJS.Platform, electronDir?: string): ExitStatus;
export function runElectron(binary: string, args: string[], options?: import('node:child_process').SpawnOptions & { electronDir?: string }): Promise<ExitStatus>;
export function desktopNodeNote(nodeVersion: string, electronDir: string): string | null;
