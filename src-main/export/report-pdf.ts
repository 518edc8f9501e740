// The comparison report as one PDF (A4, vector): a title page; the heatmap; the grouped bars (several
// scenarios per page); for each scenario its terms, how each party scores and its breakdown chart; then the
// cited sources with their quotes and links. Every piece of user text goes in through PDFKit's text(),
// so it stays text. Charts are the same builders as everywhere else, drawn as vectors.
import type { ChartKind, ChartSettings } from '../../src-core/charts/index.ts';
import { defaultChartSize } from '../../src-core/charts/index.ts';
import { compareData, type CompareData } from '../../src-core/charts/compare-data.ts';
import { oneDecimal } from '../../src-core/charts/format.ts';
import type { Case, Position, Scenario } from '../../src-core/model.ts';
import type { RobustnessAnalysis } from '../../src-core/robustness/sensitivity.ts';
import { compileCase } from '../../src-core/scoring.ts';
import { timelineSeries } from '../../src-core/charts/timeline-chart.ts';
import { changeDates, compileByDate } from '../../src-core/timeline.ts';
import { drawSvg, finishPdf, newPdf } from './pdf-export.ts';
import { pdfText, type FontChoice, type PdfFonts } from './pdf-fonts.ts';
import { robustnessPages } from './report-robustness.ts';
import { renderChart } from './svg-export.ts';

export const PAGE_W = 595.28;
const PAGE_H = 841.89;
export const MARGIN = 50;
export const CONTENT_W = PAGE_W - 2 * MARGIN;
const BOTTOM = PAGE_H - MARGIN;
/** Charts are laid out at this width in px and scaled to the text column (≈ 0.77). */
const CHART_PX = 640;
const CHART_SCALE = CONTENT_W / CHART_PX;
export const INK = '#1d1f23';
export const MUTED = '#5b616b';
const LINK = '#0b57a3';

export interface ReportOptions {
  /** Fonts to embed (default DejaVu Sans when installed); 'helvetica' is what a system without DejaVu gets. */
  fonts?: FontChoice;
  /**
   * The report's date (default: the case's as-of date, else the date of the positions it shows). Never
   * today's: the same case and scenarios give the same file whenever it is made.
   */
  date?: string;
  /** A robustness analysis of the compared scenarios: it gets pages of its own, before the sources. */
  robustness?: RobustnessAnalysis;
}

/** The title page says once what a match means, so the report's charts leave out their footnote. */
const chartSize = (kind: ChartKind, data: CompareData, settings: ChartSettings, width?: number) => defaultChartSize(kind, data, { ...settings, footnote: false }, width);

export class Writer {
  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly fonts: PdfFonts,
  ) {}

  text(s: string, size: number, opts: { bold?: boolean; color?: string; x?: number; width?: number; gap?: number; continued?: boolean } = {}): void {
    this.doc
      .font(opts.bold ? this.fonts.bold : this.fonts.regular)
      .fontSize(size)
      .fillColor(opts.color ?? INK)
      .text(pdfText(this.fonts, s), opts.x ?? MARGIN, undefined, { width: opts.width ?? CONTENT_W, continued: opts.continued ?? false });
    if (opts.gap) this.doc.y += opts.gap;
  }

  height(s: string, size: number, width: number, bold = false): number {
    return this.doc
      .font(bold ? this.fonts.bold : this.fonts.regular)
      .fontSize(size)
      .heightOfString(pdfText(this.fonts, s), { width });
  }

  /** Starts a new page unless `needed` points still fit on this one. */
  ensure(needed: number): void {
    if (this.doc.y + needed > BOTTOM) this.newPage();
  }

  newPage(layout: 'portrait' | 'landscape' = 'portrait'): void {
    this.doc.addPage({ size: [PAGE_W, PAGE_H], layout, margin: MARGIN });
    this.doc.x = MARGIN;
    this.doc.y = MARGIN;
  }

  /**
   * A chart laid out `width` px wide and scaled to the column (smaller if the height left requires),
   * at the current position.
   */
  chart(kind: ChartKind, data: CompareData, settings: ChartSettings, fit: { width?: number; columnWidth?: number; maxHeight?: number } = {}): void {
    const size = chartSize(kind, data, settings, fit.width ?? CHART_PX);
    const { svg } = renderChart(kind, data, { ...settings, footnote: false, ...size });
    const scale = Math.min((fit.columnWidth ?? CONTENT_W) / size.width, (fit.maxHeight ?? BOTTOM - this.doc.y) / size.height);
    drawSvg(this.doc, this.fonts, svg, MARGIN, this.doc.y, size.width * scale, size.height * scale);
    this.doc.y += size.height * scale + 14;
  }
}

export function renderReportPdf(c: Case, scenarios: readonly Scenario[], asOf: string | null, options: ReportOptions = {}): Buffer {
  const data = compareData(c, scenarios, asOf);
  const { doc, fonts } = newPdf({ size: [PAGE_W, PAGE_H], margin: MARGIN, bufferPages: true, title: `${c.title}: scenario comparison`, ...(options.fonts && { fonts: options.fonts }) });
  const w = new Writer(doc, fonts);

  titlePage(w, c, data, options.date ?? c.asOf ?? asOf ?? undefined);

  // With many parties the heatmap's cells would be too narrow in the text column: it gets a landscape
  // page, laid out at its own default width.
  const heatmapWidth = defaultChartSize('heatmap', data, { sortBy: 'worst' }).width;
  const landscape = data.parties.length > 6 && heatmapWidth > CHART_PX;
  if (landscape) {
    w.newPage('landscape');
    w.chart('heatmap', data, { sortBy: 'worst', idPrefix: 'heatmap' }, { width: heatmapWidth, columnWidth: PAGE_H - 2 * MARGIN, maxHeight: PAGE_W - 2 * MARGIN });
  } else {
    w.newPage();
    w.chart('heatmap', data, { sortBy: 'worst', idPrefix: 'heatmap' });
  }

  // The bars follow on the heatmap's page when they fit there whole, else on pages of their own.
  const perPage = barsPerPage(data);
  const barsHeight = chartSize('bars', data, {}, CHART_PX).height * CHART_SCALE;
  const sharePage = !landscape && perPage >= data.scenarios.length && w.doc.y + 10 + barsHeight <= BOTTOM;
  if (sharePage) w.doc.y += 10;
  for (let i = 0; i < data.scenarios.length; i += perPage) {
    if (!sharePage) w.newPage();
    const part = { ...data, scenarios: data.scenarios.slice(i, i + perPage) };
    if (perPage < data.scenarios.length) w.text(`Scenarios ${i + 1}–${i + part.scenarios.length} of ${data.scenarios.length}`, 9, { color: MUTED, gap: 4 });
    w.chart('bars', part, { idPrefix: 'bars' });
  }

  data.scenarios.forEach((s, i) => scenarioPages(w, c, data, scenarios[i]!, i));
  if (changeDates(c).length > 0) timelineSection(w, c, data);
  if (options.robustness) robustnessPages(w, c, { ...data, robustness: options.robustness }, options.robustness);

  w.newPage();
  sourcesSection(w, c, scenarios, asOf);

  footers(w, c);
  return finishPdf(doc);
}

/** How many scenarios' grouped bars fit on one page at the report's chart scale (at least one). */
export function barsPerPage(data: CompareData): number {
  const available = BOTTOM - MARGIN - 16;
  let k = 1;
  while (k < data.scenarios.length && chartSize('bars', { ...data, scenarios: data.scenarios.slice(0, k + 1) }, {}, CHART_PX).height * CHART_SCALE <= available) k++;
  return k;
}

function titlePage(w: Writer, c: Case, data: CompareData, date: string | undefined): void {
  w.doc.y = MARGIN + 40;
  w.text('Parley · scenario comparison', 10, { color: MUTED, gap: 10 });
  w.text(c.title, 26, { bold: true, gap: 8 });
  if (c.description) w.text(c.description, 11, { color: MUTED, gap: 10 });
  w.text(data.asOf ? `Positions as of ${data.asOf}` : 'Latest positions (no as-of date)', 12, { gap: 2 });
  w.text(`${date ? `Report dated ${date} · ` : ''}case ${c.id}`, 9, { color: MUTED, gap: 24 });

  w.text(`Scenarios compared (${data.scenarios.length})`, 13, { bold: true, gap: 4 });
  columns(w, data.scenarios.map((s, i) => `${i + 1}. ${s.name}`));
  w.doc.y += 16;
  w.text(`Parties (${data.parties.length})`, 13, { bold: true, gap: 4 });
  columns(w, data.parties.map((p) => `${p.name} — reservation ${p.reservation}`));
  w.doc.y += 16;
  w.ensure(90);
  w.text('How to read this report', 13, { bold: true, gap: 4 });
  w.text(
    "A party's match (0–100%) says how well a scenario's terms meet the positions the party has stated, issue by issue, " +
      'each issue weighted by how much it matters to that party: 100% means every issue is settled as the party demands; ' +
      'an option it merely accepts, is neutral on or opposes counts for less, a red line least of all. ' +
      'A scenario is acceptable to a party when it crosses none of its red lines and the match reaches its reservation, ' +
      'the least the party would settle for. The positions and their sources are listed at the end.',
    10,
    { color: MUTED },
  );
}

/** A list, in two columns once it is longer than eight entries. */
function columns(w: Writer, items: readonly string[]): void {
  const twoCols = items.length > 8;
  const perCol = twoCols ? Math.ceil(items.length / 2) : items.length;
  const colW = twoCols ? CONTENT_W / 2 - 8 : CONTENT_W;
  const top = w.doc.y;
  let bottom = top;
  items.forEach((item, i) => {
    if (i === perCol) w.doc.y = top;
    w.text(item, 10, { x: MARGIN + (i < perCol ? 0 : CONTENT_W / 2 + 8), width: colW, gap: 1 });
    bottom = Math.max(bottom, w.doc.y);
  });
  w.doc.y = bottom;
}

function scenarioPages(w: Writer, c: Case, data: CompareData, scenario: Scenario, index: number): void {
  const scored = data.scenarios[index]!;
  w.newPage();
  w.text(`Scenario ${index + 1} of ${data.scenarios.length}`, 9, { color: MUTED, gap: 2 });
  w.text(scored.name, 18, { bold: true, gap: 4 });
  if (scenario.description) w.text(scenario.description, 10, { color: MUTED, gap: 4 });
  const source = scenario.source ? c.sources.find((s) => s.id === scenario.source) : undefined;
  if (source) w.text(`Source: ${sourceLine(source)}`, 9, { color: MUTED, gap: 4 });
  w.doc.y += 8;

  w.text('Terms', 12, { bold: true, gap: 4 });
  const nameW = 170;
  for (const issue of c.issues) {
    const term = scenario.terms[issue.id];
    const option = term === undefined ? undefined : issue.options.find((o) => o.id === term);
    const quo = issue.statusQuo === undefined ? undefined : issue.options.find((o) => o.id === issue.statusQuo);
    const value = option ? option.label : quo ? `not addressed (status quo: ${quo.label})` : 'not addressed (open: no status quo, not counted)';
    const h = Math.max(w.height(issue.name, 9.5, nameW, true), w.height(value, 9.5, CONTENT_W - nameW - 10));
    w.ensure(h + 3);
    const y = w.doc.y;
    w.text(issue.name, 9.5, { bold: true, width: nameW });
    w.doc.y = y;
    w.text(value, 9.5, { x: MARGIN + nameW + 10, width: CONTENT_W - nameW - 10, color: option ? INK : MUTED });
    w.doc.y = y + h + 3;
  }
  w.doc.y += 10;

  w.ensure(40);
  w.text('How each party scores', 12, { bold: true, gap: 4 });
  const issueName = new Map(c.issues.map((i) => [i.id, i.name]));
  const cols = [
    { title: 'Party', x: 0, w: 140, align: 'left' as const },
    { title: 'Match', x: 144, w: 44, align: 'right' as const },
    { title: 'Reservation', x: 192, w: 66, align: 'right' as const },
    { title: 'Coverage', x: 262, w: 52, align: 'right' as const },
    { title: 'Verdict', x: 326, w: CONTENT_W - 326, align: 'left' as const },
  ];
  const row = (cells: string[], opts: { bold?: boolean; color?: string; verdictColor?: string }) => {
    const h = Math.max(...cells.map((cell, k) => w.height(cell, 9, cols[k]!.w, opts.bold || k === 0)));
    w.ensure(h + 3);
    const y = w.doc.y;
    cells.forEach((cell, k) => {
      const col = cols[k]!;
      w.doc
        .font(opts.bold || k === 0 ? w.fonts.bold : w.fonts.regular)
        .fontSize(9)
        .fillColor(k === 4 && opts.verdictColor ? opts.verdictColor : (opts.color ?? INK))
        .text(pdfText(w.fonts, cell), MARGIN + col.x, y, { width: col.w, align: col.align });
    });
    w.doc.y = y + h + 3;
  };
  row(cols.map((c) => c.title), { bold: true, color: MUTED });
  scored.parties.forEach((score, j) => {
    const p = data.parties[j]!;
    const verdict =
      score.match === null
        ? 'no basis (decides none of its issues)'
        : score.redLines.length
          ? `✕ red line${score.redLines.length > 1 ? 's' : ''}: ${score.redLines.map((id) => issueName.get(id) ?? id).join(', ')}`
          : score.acceptable
            ? 'acceptable'
            : 'below its reservation';
    const match = score.match === null ? '—' : `${oneDecimal(score.match)}%`;
    row([p.name, match, String(p.reservation), `${Math.round(score.coverage)}%`, verdict], { verdictColor: score.redLines.length ? '#b3261e' : score.acceptable ? '#1b6e3a' : INK });
  });
  w.doc.y += 12;

  // The breakdown goes below when it fits at a readable size, else on a page of its own.
  const size = chartSize('breakdown', data, { scenario: scored.id }, CHART_PX);
  if ((BOTTOM - w.doc.y) / size.height < CHART_SCALE * 0.75) w.newPage();
  w.chart('breakdown', data, { scenario: scored.id, idPrefix: `breakdown-${index}` });
}

/** How each scenario's support moved, when positions carry dates (DESIGN §10): as many charts a page as fit. */
function timelineSection(w: Writer, c: Case, data: CompareData): void {
  w.newPage();
  w.text('Over time', 18, { bold: true, gap: 4 });
  w.text('Each scenario scored as of every date on which a stated position takes effect, oldest first.', 10, { color: MUTED, gap: 12 });
  const byDate = compileByDate(c);
  data.scenarios.forEach((s, i) => {
    const withDates = { ...data, timeline: timelineSeries(c, s, byDate) };
    w.ensure(defaultChartSize('timeline', withDates, {}, CHART_PX).height * CHART_SCALE);
    w.chart('timeline', withDates, { scenario: s.id, idPrefix: `timeline-${i}` });
  });
}

const sourceLine = (s: Case['sources'][number]) => [s.title, s.publisher, s.date].filter(Boolean).join(' · ');

function sourcesSection(w: Writer, c: Case, scenarios: readonly Scenario[], asOf: string | null): void {
  w.text('Sources and quotes', 18, { bold: true, gap: 4 });
  w.text(`The positions ${asOf ? `in force on ${asOf}` : 'in force (the latest of each)'} that the scores use, by source, with the scenarios each source describes.`, 10, { color: MUTED, gap: 12 });

  // Only the positions the scores use: each party's effective position on each issue.
  const compiled = compileCase(c, asOf);
  const used: Position[] = compiled.stakes.flatMap((stakes) => stakes.map((s) => s.position));
  const partyName = new Map(c.parties.map((p) => [p.id, p.name]));
  const issueName = new Map(c.issues.map((i) => [i.id, i.name]));
  const positionLine = (p: Position) => `${partyName.get(p.party) ?? p.party} on ${issueName.get(p.issue) ?? p.issue}${p.date ? `, ${p.date}` : ''}`;

  const cited = c.sources.filter((s) => used.some((p) => p.source === s.id) || scenarios.some((sc) => sc.source === s.id));
  if (cited.length === 0) w.text('No source is cited for these positions or scenarios.', 10, { color: MUTED, gap: 8 });
  cited.forEach((s, i) => {
    w.ensure(60);
    w.text(`[${i + 1}] ${s.title}`, 11, { bold: true, gap: 1 });
    const meta = [s.publisher, s.date].filter(Boolean).join(' · ');
    if (meta) w.text(meta, 9, { color: MUTED, gap: 1 });
    if (s.url) w.text(s.url, 9, { color: LINK, gap: 1 });
    const describes = scenarios.filter((sc) => sc.source === s.id).map((sc) => sc.name);
    if (describes.length) w.text(`Describes: ${describes.join('; ')}`, 9, { color: MUTED, gap: 1 });
    w.doc.y += 3;
    for (const p of used.filter((x) => x.source === s.id)) quoteLine(w, positionLine(p), p.quote);
    w.doc.y += 10;
  });

  const unsourced = used.filter((p) => !p.source && p.quote);
  if (unsourced.length) {
    w.ensure(40);
    w.text('Quotes without a cited source', 11, { bold: true, gap: 4 });
    for (const p of unsourced) quoteLine(w, positionLine(p), p.quote);
  }
}

function quoteLine(w: Writer, who: string, quote: string | undefined): void {
  const rest = quote ? ` “${quote}”` : ' (no quote)';
  w.ensure(w.height(`${who}:${rest}`, 9.5, CONTENT_W - 12, true) + 3);
  w.text(`${who}:`, 9.5, { bold: true, x: MARGIN + 12, width: CONTENT_W - 12, continued: true });
  w.doc.font(w.fonts.regular).fillColor(quote ? INK : MUTED).text(pdfText(w.fonts, rest));
  w.doc.y += 3;
}

export function footers(w: Writer, c: Case): void {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make PDFKit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(w.fonts.regular)
      .fontSize(8)
      .fillColor(MUTED)
      .text(pdfText(w.fonts, `Parley · ${c.title} · page ${i + 1} of ${range.count}`), MARGIN, doc.page.height - 32, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
