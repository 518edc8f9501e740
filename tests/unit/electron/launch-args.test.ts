// The desktop app's command line, as Electron hands it over (development and packaged alike).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLaunchArgs } from '../../../src-main/app/launch-args.ts';

describe('parseLaunchArgs', () => {
  it('reads --db and --user-data-dir in both spellings, relative to the working folder', () => {
    expect(parseLaunchArgs(['electron', '/repo', '--db', 'lib.sqlite', '--user-data-dir=profile'], '/work')).toEqual({ db: '/work/lib.sqlite', userDataDir: '/work/profile', caseFiles: [] });
    expect(parseLaunchArgs(['Parley', '--db=/a/b.sqlite', '--user-data-dir', '/p'], '/work')).toEqual({ db: '/a/b.sqlite', userDataDir: '/p', caseFiles: [] });
  });

  it('collects case files and skips the app folder and Chromium’s own switches', () => {
    const argv = ['Parley', '/repo', '--allow-file-access-from-files', '--inspect=0', 'talks.parley.json', '/cases/Other Case.JSON', '-psn_0_123', 'notes.txt'];
    expect(parseLaunchArgs(argv, '/home/u').caseFiles).toEqual([path.resolve('/home/u', 'talks.parley.json'), '/cases/Other Case.JSON']);
  });

  it('a flag without its value is ignored', () => {
    expect(parseLaunchArgs(['Parley', '--db'], '/w')).toEqual({ caseFiles: [] });
  });
});
