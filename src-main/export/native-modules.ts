// The heavy export libraries, loaded on first use: linkedom and pdfkit take ~200 ms each to load, which
// every other CLI command and the app's start-up should not pay.
import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';
import type { Resvg } from '@resvg/resvg-js';

const load = createRequire(import.meta.url);

type SvgToPdfOptions = {
  width?: number;
  height?: number;
  preserveAspectRatio?: string;
  assumePt?: boolean;
  fontCallback?: (family: string, bold: boolean, italic: boolean) => string;
  warningCallback?: (message: string) => void;
};
export type SvgToPdf = (doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions) => void;

let linkedom: typeof import('linkedom') | undefined;
let resvg: typeof Resvg | undefined;
let pdfkit: typeof PDFKitDocument | undefined;
let svgToPdfkit: SvgToPdf | undefined;

export const linkedomModule = () => (linkedom ??= load('linkedom') as typeof import('linkedom'));
export const ResvgClass = () => (resvg ??= (load('@resvg/resvg-js') as { Resvg: typeof Resvg }).Resvg);
export const PdfDocumentClass = () => (pdfkit ??= load('pdfkit') as typeof PDFKitDocument);
export const svgToPdfkitFunction = () => (svgToPdfkit ??= load('svg-to-pdfkit') as SvgToPdf);
