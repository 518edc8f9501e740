// Fonts for PDF output. PDFKit's built-in Helvetica only has the WinAnsi characters, so "✕", arrows and
// most non-Latin text would come out wrong: DejaVu Sans is embedded when the system has it, and otherwise
// Helvetica is used with every character it lacks replaced by a look-alike or "?".
import fs from 'node:fs';
import { dejavuFiles } from './dejavu-fonts.ts';

export interface PdfFonts {
  regular: string;
  bold: string;
  /** True when the fonts draw any Unicode text; false for the Helvetica fallback. */
  unicode: boolean;
}

export type FontChoice = 'dejavu' | 'helvetica';

let dejavu: { regular: Buffer; bold: Buffer } | null | undefined;

function loadDejaVu(): { regular: Buffer; bold: Buffer } | null {
  if (dejavu !== undefined) return dejavu;
  const files = dejavuFiles();
  dejavu = files && { regular: fs.readFileSync(files.regular), bold: fs.readFileSync(files.bold) };
  return dejavu;
}

/** Registers the fonts on `doc`: DejaVu Sans when present (or asked for), else Helvetica. */
export function registerPdfFonts(doc: PDFKit.PDFDocument, choice: FontChoice = 'dejavu'): PdfFonts {
  const files = choice === 'dejavu' ? loadDejaVu() : null;
  if (!files) return { regular: 'Helvetica', bold: 'Helvetica-Bold', unicode: false };
  doc.registerFont('DejaVuSans', files.regular);
  doc.registerFont('DejaVuSans-Bold', files.bold);
  return { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold', unicode: true };
}

// WinAnsi (Windows-1252) beyond Latin-1: what Helvetica can draw besides U+0020–U+007E and U+00A0–U+00FF.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const LOOK_ALIKES: Record<string, string> = { '✕': '×', '✓': 'v', '→': '->', '←': '<-', '≤': '<=', '≥': '>=', '−': '-', '\u2010': '-', '\u2011': '-', '\u2009': ' ', '\u202f': ' ' };

/** `text` as the fonts can draw it: unchanged with DejaVu, WinAnsi-only with Helvetica. */
export function pdfText(fonts: PdfFonts, text: string): string {
  if (fonts.unicode) return text;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(ch) || ch === '\n') out += ch;
    else out += LOOK_ALIKES[ch] ?? (ch.normalize('NFD')[0]!.codePointAt(0)! < 0x7f ? ch.normalize('NFD')[0] : '?');
  }
  return out;
}
