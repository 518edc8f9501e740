// The `parley` command run in-process (runCli) with its output captured: fast, and the same code the binary runs.
import { runCli } from '../../../src-main/cli/main.ts';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function captureCli(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env, cwd });
  return { code, stdout, stderr };
}
