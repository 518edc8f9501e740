// The desktop app's command line: `--db FILE`, `--user-data-dir=DIR` (its own per-user folder, e.g.
// for tests), and case files to open (how the OS hands over a double-clicked .parley.json).
// Electron-free so it is tested under plain Node.
import path from 'node:path';

export interface LaunchArgs {
  db?: string;
  userDataDir?: string;
  caseFiles: string[];
}

/** Reads an argv as Electron gives it (executable first; Chromium's own switches are skipped). */
export function parseLaunchArgs(argv: readonly string[], cwd: string = process.cwd()): LaunchArgs {
  const out: LaunchArgs = { caseFiles: [] };
  const rest = argv.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--db' || flag === '--user-data-dir') {
      const value = inline ?? rest[++i];
      if (!value) continue;
      if (flag === '--db') out.db = path.resolve(cwd, value);
      else out.userDataDir = path.resolve(cwd, value);
    } else if (!arg.startsWith('-') && /\.json$/i.test(arg)) {
      out.caseFiles.push(path.resolve(cwd, arg));
    }
  }
  return out;
}
