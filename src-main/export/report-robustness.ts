// The report's robustness pages (DESIGN.md §12): the settings and the seed, and the one command that
// reproduces every figure; how often each scenario ranks first and is acceptable to all; the match
// ranges; the flip points as a tornado chart and in words.
import type { CompareData } from '../../src-core/charts/compare-data.ts';
import { LIGHT } from '../../src-core/charts/palette.ts';
import type { Case } from '../../src-core/model.ts';
import type { RobustnessAnalysis } from '../../src-core/robustness/sensitivity.ts';
import { flipSentence, namesOf, percent } from '../../src-core/robustness/sentences.ts';
import { pdfText } from './pdf-fonts.ts';
import type { Writer } from './report-pdf.ts';

const objectiveWords = (objective: string, c: Case) =>
  objective === 'maximin'
    ? 'the worst match over the parties (maximin)'
    : objective === 'mean'
      ? 'the mean match over the parties'
      : objective === 'nash'
        ? 'the Nash product'
        : `${c.parties.find((p) => `party:${p.id}` === objective)?.name ?? objective}’s match`;

/** The command that recomputes these figures, as its words (a flag with its value is one word). */
export function reproduceCommand(c: Case, analysis: RobustnessAnalysis): string[] {
  const r = analysis.report;
  return [
    'parley sensitivity',
    c.id,
    ...r.scenarios.map((s) => `--scenario ${s.id}`),
    `--objective ${r.objective}`,
    `--samples ${r.samples}`,
    `--seed ${r.seed}`,
    `--salience-jitter ${r.salienceJitter}`,
    `--stance-flip ${r.stanceFlip}`,
    ...(r.asOf ? [`--as-of ${r.asOf}`] : []),
  ];
}

/** The command in lines that never break inside a word (ids contain hyphens), continued shell-style with "\\". */
function commandLines(w: Writer, words: readonly string[], width: number, size: number): string[] {
  w.doc.font(w.fonts.regular).fontSize(size);
  const fits = (line: string) => w.doc.widthOfString(pdfText(w.fonts, `${line} \\`)) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && !fits(`${line} ${word}`)) {
      lines.push(line);
      line = `  ${word}`;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l, i) => (i < lines.length - 1 ? `${l} \\` : l));
}

export function robustnessPages(w: Writer, c: Case, data: CompareData, analysis: RobustnessAnalysis): void {
  const r = analysis.report;
  const names = namesOf(c, data.scenarios);
  const { doc } = w;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  w.newPage();
  w.text('How robust are these results?', 18, { bold: true, gap: 4 });
  w.text(
    `Every score rests on judgement calls: how much each issue matters to a party (salience, 1–5) and how it stands on each option. ` +
      `Here ${r.samples} plausible readings of the case were drawn: in each, every position in force had its salience moved by a random whole ` +
      `number from −${r.salienceJitter} to +${r.salienceJitter} (kept within 1–5), and each stated stance moved one step along ` +
      `demand – acceptable – neutral – oppose – red line with probability ${r.stanceFlip} (up or down alike); numeric utilities stayed. ` +
      `Scenarios are ranked by ${objectiveWords(r.objective, c)}; ties share.`,
    10,
    { color: LIGHT.muted, gap: 8 },
  );
  w.text(`Settings: ${r.samples} samples · seed ${r.seed} · salience jitter ±${r.salienceJitter} · stance flip ${r.stanceFlip} · objective ${r.objective} · ${r.asOf ? `positions as of ${r.asOf}` : 'latest positions'}`, 9.5, { bold: true, gap: 3 });
  w.text(`The same seed gives the same figures. To reproduce them (with the case in your Parley library, or the path of its case file in place of ${c.id}):`, 9.5, { gap: 2 });
  for (const line of commandLines(w, reproduceCommand(c, analysis), width - 12, 8.5)) w.text(line, 8.5, { x: doc.page.margins.left + 12, width: width - 12 });
  doc.y += 10;

  w.text(`Ranks first as coded: ${r.best === null ? '—' : names.scenario(r.best)}`, 11, { bold: true, gap: 4 });
  const cols = [
    { title: 'Scenario', x: 0, w: width - 190, align: 'left' as const },
    { title: 'Ranks first', x: width - 180, w: 80, align: 'right' as const },
    { title: 'Acceptable to all', x: width - 95, w: 95, align: 'right' as const },
  ];
  const row = (cells: string[], bold: boolean) => {
    const h = Math.max(...cells.map((cell, k) => w.height(cell, 9.5, cols[k]!.w, bold)));
    w.ensure(h + 3);
    const y = doc.y;
    cells.forEach((cell, k) => {
      doc.font(bold ? w.fonts.bold : w.fonts.regular).fontSize(9.5).fillColor(bold ? LIGHT.muted : LIGHT.text).text(pdfText(w.fonts, cell), doc.page.margins.left + cols[k]!.x, y, { width: cols[k]!.w, align: cols[k]!.align });
    });
    doc.y = y + h + 3;
  };
  row(cols.map((col) => col.title), true);
  for (const s of r.scenarios) row([s.name, percent(s.pBest), percent(s.pAllAcceptable)], false);
  doc.y += 10;

  w.ensure(120);
  w.text('Match ranges', 12, { bold: true, gap: 2 });
  w.text('Each bar is the match as coded; the line across it runs from the 5th to the 95th percentile of the match over the samples.', 9, { color: LIGHT.muted, gap: 4 });
  w.chart('ranges', data, { idPrefix: 'ranges' });

  w.newPage();
  w.text('Flip points', 12, { bold: true, gap: 2 });
  w.text('For each party and issue: the smallest change of that one salience (no sampling, exact) that puts another scenario first.', 9, { color: LIGHT.muted, gap: 6 });
  if (r.flips.length === 0) w.text('No change of a single salience alters which scenario ranks first.', 10, { gap: 8 });
  for (const f of r.flips) w.text(`• ${flipSentence(f, names)}`, 10, { gap: 2 });
  doc.y += 8;
  if (analysis.sides.length > 0) w.chart('tornado', data, { idPrefix: 'tornado' });
}
