// Cases the chart tests draw: the shipped default case, a generated 12 parties × 20 scenarios case, and
// a case whose names are hostile markup. Charts are drawn into a linkedom document, as exports do.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { parseCaseText } from '../../../src-core/case-file.ts';
import { compareData, type CompareData } from '../../../src-core/charts/compare-data.ts';
import type { Case } from '../../../src-core/model.ts';
import { analyseRobustness } from '../../../src-core/robustness/sensitivity.ts';
import { DEFAULT_ROBUSTNESS } from '../../../src-core/robustness/settings.ts';
import { generateCase } from '../../fixtures/generate-case.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const UKRAINE_FILE = path.join(ROOT, 'data/cases/ukraine-talks-2025-08.json');

export function readCase(file: string): Case {
  const r = parseCaseText(fs.readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.case;
}

export const ukraine = (): Case => readCase(UKRAINE_FILE);

/** 12 parties × 20 scenarios, the largest comparison the app offers. */
export const bigCase = (): Case => generateCase({ parties: 12, issues: 8, options: 4, scenarios: 20, seed: 7, id: 'generated-12x20' });

/** The comparison of all of a case's scenarios, with the robustness analysis that the ranges and tornado charts draw by default. */
export const dataOf = (c: Case): CompareData => ({
  ...compareData(c, c.scenarios, c.asOf ?? null),
  robustness: analyseRobustness(c, c.scenarios, DEFAULT_ROBUSTNESS, c.asOf ?? null),
});

export const EVIL_PARTY = `<script>alert(1)</script> & "Q" 'party'`;
export const EVIL_ISSUE = `Water & <b>"quota"</b>`;
export const EVIL_SCENARIO = `<script>alert("s")</script> & co`;
export const EVIL_QUOTE = `We said <script>x()</script> & "meant" it`;

/** A small valid case whose party, issue, scenario and quote text is markup, ampersands and quotes. */
export function evilCase(): Case {
  const c = readCase(path.join(ROOT, 'tests/fixtures/cli-small-case.json'));
  c.id = 'evil-names';
  c.parties[0]!.name = EVIL_PARTY;
  c.issues[0]!.name = EVIL_ISSUE;
  c.scenarios[0]!.name = EVIL_SCENARIO;
  const cited = c.positions.find((p) => p.source);
  cited!.quote = EVIL_QUOTE;
  return c;
}

/** The default case with markup in the names of the party and the scenario that its flip point names. */
export function evilFlipCase(): Case {
  const c = ukraine();
  c.parties.find((p) => p.id === 'ukraine')!.name = EVIL_PARTY;
  c.scenarios.find((s) => s.id === 'europe-ceasefire-first')!.name = EVIL_SCENARIO;
  return c;
}

/** A fresh <svg> element in a linkedom document. */
export function svgElement(): SVGSVGElement {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.appendChild(svg);
  return svg as unknown as SVGSVGElement;
}
