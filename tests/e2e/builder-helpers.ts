// Steps the issue-13 tests share: picking terms, saving a scenario, importing a file, reading a download.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Download, Locator, Page } from '@playwright/test';
import { DEFAULT_CASE_FILE, expect } from './fixtures.ts';

export const savedList = (page: Page) => page.getByRole('list', { name: 'Saved scenarios' });
export const proposalList = (page: Page) => page.getByRole('list', { name: 'Proposals in the case' });

export async function pick(page: Page, issueName: string, optionLabel: string): Promise<void> {
  await page.getByRole('radiogroup', { name: issueName }).getByRole('radio', { name: optionLabel, exact: true }).check();
}

/** A new scenario from the status quo with these terms (issue name → option label), saved under `name`. */
export async function saveNew(page: Page, name: string, terms: Record<string, string>): Promise<void> {
  await page.getByRole('button', { name: 'New (status quo)' }).click();
  for (const [issue, option] of Object.entries(terms)) await pick(page, issue, option);
  await page.getByRole('textbox', { name: 'Scenario name' }).fill(name);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(savedList(page).getByRole('button', { name, exact: true })).toHaveCount(1);
}

/** The shipped default case, parsed, to derive test files from. */
export function shippedCase(): Record<string, any> {
  return JSON.parse(fs.readFileSync(DEFAULT_CASE_FILE, 'utf8'));
}

export function writeTemp(name: string, content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

export async function chooseFile(page: Page, button: Locator, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(file);
}

export async function download(page: Page, click: () => Promise<unknown>): Promise<{ name: string; text: string; download: Download }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await d.path();
  return { name: d.suggestedFilename(), text: fs.readFileSync(file!, 'utf8'), download: d };
}

/** The element that has keyboard focus, described for an assertion message. */
export async function focused(page: Page): Promise<{ tag: string; name: string; inside: (selector: string) => Promise<boolean> }> {
  const info = await page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? 'NONE', name: el?.getAttribute('aria-label') ?? el?.textContent?.trim().slice(0, 60) ?? '' };
  });
  return { ...info, inside: (selector: string) => page.evaluate((s) => !!document.activeElement?.closest(s), selector) };
}

/** Puts the default case back as shipped, without the scenarios a test saved, so later tests start clean. */
export async function resetDefaultCase(page: Page): Promise<void> {
  const call = async (method: string, body: unknown) => {
    const res = await page.request.post(`/api/${method}`, { data: body });
    expect(res.ok(), `${method}: ${await res.text()}`).toBe(true);
    return (await res.json()).value;
  };
  await call('importCase', { content: fs.readFileSync(DEFAULT_CASE_FILE, 'utf8'), replace: true });
  const c = await call('getCase', { caseId: 'ukraine-talks-2025-08' });
  for (const s of c.scenarios as { id: string; saved?: boolean }[]) if (s.saved) await call('deleteScenario', { caseId: c.id, scenarioId: s.id });
}
