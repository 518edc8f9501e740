// The debrief's history chart and PDF, checked with independent tools: rsvg-convert draws the chart's SVG,
// pdfinfo and pdftotext read the PDF.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { drawHistoryChart, historyCsv } from '../../../src-core/charts/history-chart.ts';
import { debrief, type Debrief } from '../../../src-core/classroom/debrief.ts';
import type { Simulation } from '../../../src-core/classroom/model.ts';
import { advance, createSimulation, propose, respond } from '../../../src-core/classroom/rules.ts';
import { renderDebriefPdf } from '../../../src-main/export/debrief-pdf.ts';
import { drawnSvg } from '../../../src-main/export/svg-export.ts';
import { inkShare, itWithTools, parseCsv, parseSvg, pdfInfo, pdfText, rsvgRender, tempDir } from '../export/export-helpers.ts';
import { at, classroomCase, T0 } from './classroom-fixture.ts';

const ROLES = ['north', 'south', 'east'];
const DEAL = { berths: 'equal', dredging: 'by-traffic', fees: 'keep', authority: 'rotating' };

/** Three offers over two rounds; the last one agreed. */
function played(): Simulation {
  let s = createSimulation(classroomCase(), { id: 'sim00001', roles: ROLES, rounds: 3, now: T0 });
  s = propose(s, 'east', { berths: 'east-most', fees: 'raise' }, at(1));
  s = respond(s, 'north', false, at(2));
  s = propose(s, 'north', { berths: 'north-most', fees: 'abolish', dredging: 'state' }, at(3));
  s = advance(s, {}, at(4));
  s = propose(s, 'south', DEAL, at(5));
  s = respond(s, 'north', true, at(6));
  return respond(s, 'east', true, at(7));
}

describe('the debrief exports', () => {
  const d: Debrief = debrief(played(), at(8));

  itWithTools(['rsvg-convert'])('the history chart: one labelled mark per offer and role, drawn as a real SVG', () => {
    const dir = tempDir();
    const svg = drawnSvg((root) => drawHistoryChart(root, d, { width: 680 }));
    const doc = parseSvg(svg);
    const marks = [...doc.querySelectorAll('g.mark')];
    expect(marks).toHaveLength(9);
    expect(marks.every((m) => m.getAttribute('role') === 'img' && (m.getAttribute('aria-label') ?? '').startsWith('Offer '))).toBe(true);
    // North's red line (most berths to East) is crossed by offer 1, and the label says so in words.
    expect(marks.find((m) => m.getAttribute('data-offer') === '1' && m.closest('g.series')?.getAttribute('data-party') === 'north')!.getAttribute('aria-label')).toMatch(/North Town: \d+\.\d% match, 1 red line crossed/);
    expect(doc.querySelector('svg')!.getAttribute('aria-label')).toContain('3 offers over 2 rounds; offer 3 became the agreement');
    const file = path.join(dir, 'history.svg');
    fs.writeFileSync(file, svg);
    const png = rsvgRender(file);
    expect(png.width).toBe(680);
    expect(inkShare(png)).toBeGreaterThan(0.02);
    const csv = parseCsv(historyCsv(d));
    expect(csv[0]).toEqual(['offer', 'round', 'proposer', 'agreement', 'role', 'match', 'reservation', 'acceptable', 'red_lines']);
    expect(csv).toHaveLength(1 + 9);
  });

  itWithTools(['pdfinfo', 'pdftotext'])('the PDF: A4, titled, with the outcome, every offer, the agreement against each reservation and both questions', () => {
    const dir = tempDir();
    const file = path.join(dir, 'debrief.pdf');
    fs.writeFileSync(file, renderDebriefPdf(played().case, d, { date: '2024-09-03' }));
    const info = pdfInfo(file);
    expect(info.title).toBe('Harbour talks (classroom test case): classroom debrief');
    expect(info.width).toBeCloseTo(595.28, 0);
    expect(info.height).toBeCloseTo(841.89, 0);
    expect(info.pages).toBeGreaterThanOrEqual(1);
    const text = pdfText(file).replace(/[ \t]+/g, ' ');
    for (const s of [
      'Parley · classroom debrief',
      'Simulation sim00001 · North Town, South Town, East Port · 3 rounds · report of 2024-09-03',
      'Agreement reached on offer #3',
      'Negotiation history: each role’s match of each offer',
      'Every offer, role by role',
      'The agreement (offer #3) against each reservation',
      'Was there a package better for every role than the agreement?',
      'The best maximin package',
      'Berth allocation: Equal shares',
    ])
      expect(text).toContain(s);
    // Every reservation appears, as the table prints it.
    for (const r of ['41.4', '47.8', '52.2']) expect(text).toContain(r);
    // The improvement answer is the engine's: a package found, or "no" proven by an exhaustive search.
    expect(text).toMatch(d.improvement!.found ? /Yes: this package gives every role a higher match/ : /No: no package is better for every role \(the search was exhaustive\)/);
  });

  itWithTools(['pdftotext'])('with no offer at all, the PDF says there is nothing to judge', () => {
    const dir = tempDir();
    const file = path.join(dir, 'empty.pdf');
    const sim = createSimulation(classroomCase(), { id: 'sim00002', roles: ROLES, now: T0 });
    fs.writeFileSync(file, renderDebriefPdf(sim.case, debrief(sim, at(1))));
    const text = pdfText(file).replace(/[ \t]+/g, ' ');
    expect(text).toContain('No agreement (0 offers; the simulation is still running)');
    expect(text).toContain('Nothing was proposed, so there is no package to judge.');
    expect(text).toContain('No offer has been made yet.');
  });
});
