// Issue 14, defect 1: in Electron, contextBridge reduces an Error to its message, so an error's code
// and details only reach the page if the preload hands over the reply as a value. These tests run the
// real main process, preload and page-side api client, with the stand-in's bridge in between.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiCallError, desktopApi, type DesktopBridge } from '../../../src-renderer/lib/api-client.ts';
import { CASES_DIR, REPO_ROOT } from '../store/temp-library.ts';
import { loadPreload, startMain } from './load-app.ts';

const defaultCaseText = () => fs.readFileSync(path.join(CASES_DIR, 'ukraine-talks-2025-08.json'), 'utf8');

async function desktopPage() {
  const running = await startMain();
  const bridge = (await loadPreload(running.electron)) as unknown as DesktopBridge;
  return { ...running, api: desktopApi(bridge) };
}

async function apiError(call: Promise<unknown>): Promise<ApiCallError> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiCallError);
  return err as ApiCallError;
}

describe('api errors reach the page in the desktop app', () => {
  it('a duplicate import is a conflict, so the page can offer to replace the case', async () => {
    const { api } = await desktopPage();
    const err = await apiError(api.importCase({ content: defaultCaseText(), replace: false }));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/ukraine-talks-2025-08/);
    await expect(api.importCase({ content: defaultCaseText(), replace: true })).resolves.toMatchObject({ id: 'ukraine-talks-2025-08' });
  });

  it('a malformed case lists each of its errors with its path', async () => {
    const { api } = await desktopPage();
    const content = fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'cli-invalid-case.json'), 'utf8');
    const err = await apiError(api.importCase({ content, replace: false }));
    expect(err.code).toBe('invalid_case');
    expect(err.details?.length).toBeGreaterThan(1);
    for (const d of err.details!) expect(d).toEqual({ path: expect.any(String), message: expect.any(String) });
    expect(err.details!.some((d) => d.path.length > 0)).toBe(true);
  });

  it('bad input names the field', async () => {
    const { api } = await desktopPage();
    const err = await apiError(api.getCase({ caseId: 'Not An Id' }));
    expect(err.code).toBe('invalid_input');
    expect(err.details).toEqual([expect.objectContaining({ path: 'caseId' })]);
  });

  it('a missing case is not_found', async () => {
    const { api } = await desktopPage();
    const err = await apiError(api.getCase({ caseId: 'no-such-case' }));
    expect(err.code).toBe('not_found');
    expect(err.message).toMatch(/no-such-case/);
  });

  it('an unexpected failure is internal and keeps its details in the log, not in the page', async () => {
    const { api, electron, log } = await desktopPage();
    electron.quit(); // closes the library under the page's feet
    const err = await apiError(api.listCases({}));
    expect(err.code).toBe('internal');
    expect(err.message).not.toMatch(/\n\s+at /);
    expect(log.join('')).toMatch(/api listCases failed/);
  });

  it('values still arrive as values', async () => {
    const { api } = await desktopPage();
    const cases = await api.listCases({});
    expect(cases.map((c) => c.id)).toContain('ukraine-talks-2025-08');
    const c = await api.getCase({ caseId: 'ukraine-talks-2025-08' });
    expect(c.parties).toHaveLength(4);
  });
});
