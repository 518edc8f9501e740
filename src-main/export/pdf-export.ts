// SVG → PDF without a browser: PDFKit draws the SVG as vector paths and real text (svg-to-pdfkit), in
// the same font as the PNG. PDFKit writes synchronously into its stream buffer, so the finished file is
// read back at once and the api can stay synchronous.
import { ApiError } from '../../src-core/api.ts';
import { PdfDocumentClass, svgToPdfkitFunction } from './native-modules.ts';
import { pdfText, registerPdfFonts, type FontChoice, type PdfFonts } from './pdf-fonts.ts';

export interface PdfOptions {
  title?: string;
  /** Which fonts to embed; 'helvetica' is what a system without DejaVu gets (tests use it). */
  fonts?: FontChoice;
}

/**
 * The date a PDF says it was made: SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds
 * convention) when set, else none — so the same chart or report gives the same bytes every time.
 */
export function pdfCreationDate(env: Record<string, string | undefined> = process.env): Date | undefined {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,12}$/.test(raw)) throw new ApiError('invalid_input', `SOURCE_DATE_EPOCH is "${raw}": it must be a whole number of seconds since 1970-01-01 (or unset)`);
  return new Date(Number(raw) * 1000);
}

/** A new PDFKit document with Parley's metadata and fonts. */
export function newPdf(options: PDFKit.PDFDocumentOptions & PdfOptions): { doc: PDFKit.PDFDocument; fonts: PdfFonts } {
  const PDFDocument = PdfDocumentClass();
  const { title, fonts: choice, ...docOptions } = options;
  const date = pdfCreationDate();
  // PDFKit stamps the current time and derives the file ID from the info it starts with. A fixed date there
  // makes the ID depend on the metadata alone; without SOURCE_DATE_EPOCH that date is then hidden from the
  // Info dictionary (PDFKit writes only its enumerable entries, yet reads CreationDate when it finishes).
  const info = { Creator: 'Parley', Producer: 'Parley (PDFKit)', ...(title && { Title: title }), CreationDate: date ?? new Date(0), ...(date && { ModDate: date }) };
  const doc = new PDFDocument({ ...docOptions, info });
  if (!date) Object.defineProperty(doc.info, 'CreationDate', { value: info.CreationDate, enumerable: false });
  const fonts = registerPdfFonts(doc, choice);
  doc.font(fonts.regular);
  return { doc, fonts };
}

/** Ends the document and returns the whole file. */
export function finishPdf(doc: PDFKit.PDFDocument): Buffer {
  doc.end();
  const chunks: Buffer[] = [];
  let chunk: Buffer | null;
  while ((chunk = doc.read() as Buffer | null) !== null) chunks.push(chunk);
  const pdf = Buffer.concat(chunks);
  if (!pdf.subarray(-8).toString('latin1').includes('%%EOF')) throw new Error('PDFKit did not finish the document synchronously');
  return pdf;
}

/** Draws `svg` (a rendered chart) at (x, y) scaled into width × height, keeping its proportions. */
export function drawSvg(doc: PDFKit.PDFDocument, fonts: PdfFonts, svg: string, x: number, y: number, width: number, height: number): void {
  const text = fonts.unicode ? svg : pdfText(fonts, svg);
  svgToPdfkitFunction()(doc, text, x, y, {
    width,
    height,
    assumePt: true,
    preserveAspectRatio: 'xMinYMin meet',
    fontCallback: (_family, bold) => (bold ? fonts.bold : fonts.regular),
    warningCallback: () => {},
  });
}

/** One page the size of the chart, the chart drawn on it as vectors. */
export function svgToPdf(svg: string, width: number, height: number, options: PdfOptions = {}): Buffer {
  const { doc, fonts } = newPdf({ size: [width, height], margin: 0, ...options });
  drawSvg(doc, fonts, svg, 0, 0, width, height);
  return finishPdf(doc);
}
