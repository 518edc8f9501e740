// SVG → PDF without a browser: PDFKit draws the SVG as vector paths and real text (svg-to-pdfkit), in
// the same font as the PNG. PDFKit writes synchronously into its stream buffer, so the finished file is
// read back at once and the api can stay synchronous.
import { PdfDocumentClass, svgToPdfkitFunction } from './native-modules.ts';
import { pdfText, registerPdfFonts, type FontChoice, type PdfFonts } from './pdf-fonts.ts';

export interface PdfOptions {
  title?: string;
  /** Which fonts to embed; 'helvetica' is what a system without DejaVu gets (tests use it). */
  fonts?: FontChoice;
}

/** A new PDFKit document with Parley's metadata and fonts. */
export function newPdf(options: PDFKit.PDFDocumentOptions & PdfOptions): { doc: PDFKit.PDFDocument; fonts: PdfFonts } {
  const PDFDocument = PdfDocumentClass();
  const { title, fonts: choice, ...docOptions } = options;
  const doc = new PDFDocument({ ...docOptions, info: { Creator: 'Parley', Producer: 'Parley (PDFKit)', ...(title && { Title: title }) } });
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
