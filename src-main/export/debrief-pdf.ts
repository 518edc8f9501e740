// The classroom debrief as one PDF (A4, vector): the outcome, the negotiation history chart and its numbers,
// the agreement against every reservation, whether a package better for every role existed, and the best
// maximin package. The same core chart builder as the app's debrief screen; user text goes in as text.
import type { Debrief, FoundPackage, Question, Standing } from '../../src-core/classroom/debrief.ts';
import { termsInWords } from '../../src-core/classroom/words.ts';
import { defaultHistoryHeight, drawHistoryChart } from '../../src-core/charts/history-chart.ts';
import { oneDecimal } from '../../src-core/charts/format.ts';
import { LIGHT } from '../../src-core/charts/palette.ts';
import type { Case } from '../../src-core/model.ts';
import type { PartyScore } from '../../src-core/scoring.ts';
import { drawSvg, finishPdf, newPdf } from './pdf-export.ts';
import type { FontChoice } from './pdf-fonts.ts';
import { pdfText } from './pdf-fonts.ts';
import { CONTENT_W, footers, INK, MARGIN, MUTED, PAGE_W, Writer } from './report-pdf.ts';
import { drawnSvg, EXPORT_FONT } from './svg-export.ts';

const CHART_PX = 680;
const OK = '#1b6e3a';
const DANGER = '#b3261e';

export interface DebriefPdfOptions {
  fonts?: FontChoice;
  /** The report's date (default: the day the simulation ended, else began), so the same class gives the same file. */
  date?: string;
}

export function renderDebriefPdf(c: Case, d: Debrief, options: DebriefPdfOptions = {}): Buffer {
  const { doc, fonts } = newPdf({ size: [PAGE_W, 841.89], margin: MARGIN, bufferPages: true, title: `${c.title}: classroom debrief`, ...(options.fonts && { fonts: options.fonts }) });
  const w = new Writer(doc, fonts);
  w.doc.y = MARGIN;
  w.text('Parley · classroom debrief', 10, { color: MUTED, gap: 6 });
  w.text(c.title, 22, { bold: true, gap: 4 });
  w.text(`Simulation ${d.simulation.id} · ${d.parties.map((p) => p.name).join(', ')} · ${d.simulation.rounds} round${d.simulation.rounds === 1 ? '' : 's'} · report of ${options.date ?? (d.simulation.endedAt ?? d.simulation.createdAt).slice(0, 10)}`, 9, { color: MUTED, gap: 10 });
  w.text(outcome(d), 12, { bold: true, gap: 10 });

  const height = defaultHistoryHeight(d, CHART_PX);
  const svg = drawnSvg((root) => drawHistoryChart(root, d, { width: CHART_PX, height, theme: { ...LIGHT, font: EXPORT_FONT } }));
  const scale = CONTENT_W / CHART_PX;
  w.ensure(height * scale);
  drawSvg(w.doc, fonts, svg, MARGIN, w.doc.y, CHART_PX * scale, height * scale);
  w.doc.y += height * scale + 12;

  if (d.offers.length) {
    heading(w, 'Every offer, role by role');
    table(w, ['Offer', 'Round', 'Proposed by', ...d.parties.map((p) => p.name)], d.offers.map((o) => [`#${o.number}${o.agreed ? ' (agreed)' : ''}`, String(o.round), nameOf(d, o.proposer), ...o.scores.map(cell)]));
  }

  heading(w, d.agreement ? `The agreement (offer #${d.agreement.offer}) against each reservation` : 'No agreement');
  if (d.agreement) {
    standingTable(w, d, d.agreement);
    terms(w, c, d.agreement.terms);
  } else w.text(d.reference ? `The last package on the table was offer #${d.reference.offer}; the questions below are asked of it.` : 'Nothing was proposed, so there is no package to judge.', 10, { color: MUTED, gap: 8 });

  if (d.improvement && d.reference) {
    heading(w, `Was there a package better for every role than ${d.reference.kind === 'agreement' ? 'the agreement' : 'the last offer'}?`);
    question(w, c, d, d.improvement, d.improvement.found ? `Yes: this package gives every role a higher match${d.improvement.exact ? '' : ' (found before the time limit; a better one may exist)'}, and crosses no role's red line.` : d.improvement.exact ? 'No: no package is better for every role (the search was exhaustive).' : 'None was found before the time limit; this is not proven.');
  }
  heading(w, 'The best maximin package (the highest worst match, no red line crossed)');
  question(w, c, d, d.maximin, d.maximin.found ? `Its worst match is ${oneDecimal(Math.min(...d.maximin.package!.scores.map((s) => s.match ?? 0)))}${d.maximin.exact ? '' : ' (the search hit its time limit: this is the best found, not proven the best)'}.` : 'Every package crosses some role’s red line.');

  footers(w, c);
  return finishPdf(doc);
}

function outcome(d: Debrief): string {
  if (d.agreement) return `Agreement reached on offer #${d.agreement.offer}${d.agreement.acceptableToAll ? ', acceptable to every role' : ', though not acceptable to every role'}.`;
  const offers = d.offers.length;
  return `No agreement (${offers} offer${offers === 1 ? '' : 's'}; the simulation is ${d.simulation.status === 'running' ? 'still running' : 'over'}).`;
}

const nameOf = (d: Debrief, id: string) => d.parties.find((p) => p.id === id)?.name ?? id;
const cell = (s: PartyScore) => (s.match === null ? '—' : `${oneDecimal(s.match)}${s.redLines.length ? ' ✕' : s.acceptable ? ' ✓' : ''}`);

function heading(w: Writer, text: string): void {
  w.ensure(60);
  w.doc.y += 6;
  w.text(text, 13, { bold: true, gap: 4 });
}

function standingTable(w: Writer, d: Debrief, s: Standing & { gain?: FoundPackage['gain'] }): void {
  const head = ['Role', 'Match', 'Reservation', 'Surplus', ...(s.gain ? ['Gain'] : []), 'Verdict'];
  table(
    w,
    head,
    d.parties.map((p, i) => {
      const sc = s.scores[i]!;
      const surplus = s.surplus[i];
      const verdict = sc.match === null ? 'no basis' : sc.redLines.length ? `✕ crosses ${sc.redLines.length} red line${sc.redLines.length > 1 ? 's' : ''}` : sc.acceptable ? 'acceptable' : 'below its reservation';
      const gain = s.gain ? [s.gain[i] == null ? '—' : `${s.gain[i]! >= 0 ? '+' : ''}${oneDecimal(s.gain[i]!)}`] : [];
      return [p.name, sc.match === null ? '—' : oneDecimal(sc.match), oneDecimal(p.reservation), surplus == null ? '—' : `${surplus >= 0 ? '+' : ''}${oneDecimal(surplus)}`, ...gain, verdict];
    }),
  );
}

function question(w: Writer, c: Case, d: Debrief, q: Question, answer: string): void {
  w.text(answer, 10, { gap: 6, color: q.found ? INK : MUTED });
  if (!q.package) return;
  standingTable(w, d, q.package);
  terms(w, c, q.package.terms);
}

function terms(w: Writer, c: Case, t: Record<string, string>): void {
  for (const { issue, text } of termsInWords(c, t)) {
    const line = `${issue}: ${text}`;
    w.ensure(14);
    w.text(`• ${line}`, 9.5, { x: MARGIN + 8, width: CONTENT_W - 8, gap: 1 });
  }
  w.doc.y += 8;
}

/** A plain table: the first column wide, the others equal; rows start a new page when they would not fit. */
function table(w: Writer, head: string[], rows: string[][]): void {
  const first = Math.min(150, CONTENT_W / 3);
  const other = (CONTENT_W - first) / Math.max(1, head.length - 1);
  const x = (k: number) => MARGIN + (k === 0 ? 0 : first + (k - 1) * other);
  const width = (k: number) => (k === 0 ? first : other) - 6;
  const line = (cells: string[], bold: boolean) => {
    const h = Math.max(...cells.map((s, k) => w.height(s, 9, width(k), bold || k === 0)));
    w.ensure(h + 4);
    const y = w.doc.y;
    cells.forEach((s, k) => {
      const color = bold ? MUTED : s.includes('✕') ? DANGER : s.endsWith('✓') || s === 'acceptable' ? OK : INK;
      w.doc.font(bold || k === 0 ? w.fonts.bold : w.fonts.regular).fontSize(9).fillColor(color).text(pdfText(w.fonts, s), x(k), y, { width: width(k) });
    });
    w.doc.y = y + h + 4;
  };
  line(head, true);
  for (const r of rows) line(r, false);
  w.doc.y += 6;
}
