// Text widths without a layout engine (charts are also drawn in Node, where nothing can measure text).
// The advance widths are DejaVu Sans's, the font exports ask for first and one of the widest common
// sans-serif faces, so a label measured here fits in the narrower system fonts of a browser too.

// Advance widths in thousandths of an em for U+0020–U+007E.
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
  1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
  500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
  1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
  500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];
/** [regular, bold] for the non-ASCII characters the charts themselves print. */
const EXTRA: Record<string, [number, number]> = {
  '–': [500, 500],
  '—': [1000, 1000],
  '…': [1000, 1000],
  '✕': [838, 838],
  '’': [318, 380],
  '‘': [318, 380],
  '“': [518, 657],
  '”': [518, 657],
  '·': [318, 380],
  '×': [838, 838],
  '→': [838, 838],
  '•': [590, 639],
};

/** East Asian wide characters take a full em. */
const isWide = (cp: number) => (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) || cp >= 0x1f300;

function charWidth(ch: string, bold: boolean): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 32 && cp < 127) return (bold ? BOLD : REGULAR)[cp - 32]!;
  const extra = EXTRA[ch];
  if (extra) return extra[bold ? 1 : 0];
  if (isWide(cp)) return 1000;
  // Accented Latin, Cyrillic, Greek: about the width of an average lower-case letter, rounded up.
  return bold ? 720 : 660;
}

/** Width in px of `text` set in `fontSize` px. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch, bold);
  return (em / 1000) * fontSize;
}

/** `text` shortened with "…" so that it is at most `maxWidth` px wide (at least one character and the ellipsis). */
export function fitText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  const budget = maxWidth - textWidth('…', fontSize, bold);
  let width = 0;
  let n = 0;
  while (n < chars.length) {
    const w = (charWidth(chars[n]!, bold) / 1000) * fontSize;
    if (width + w > budget) break;
    width += w;
    n++;
  }
  return `${chars.slice(0, Math.max(1, n)).join('').trimEnd()}…`;
}

/** The gap between the baselines of a wrapped label's lines. */
export const lineHeight = (fontSize: number) => fontSize + 1;

/** Places a line may end: before a space (which is dropped) or after a hyphen or slash. */
function breakPoints(text: string): number[] {
  const at: number[] = [];
  for (let i = 1; i < text.length; i++) {
    if (text[i] === ' ' && text[i - 1] !== ' ') at.push(i);
    else if ((text[i - 1] === '-' || text[i - 1] === '/') && text[i] !== ' ') at.push(i);
  }
  return at;
}

/** The longest start of `text` that fits `maxWidth`, ended at a break point when one fits, else cut mid-word (at least one character). */
function firstLine(text: string, maxWidth: number, fontSize: number, bold: boolean): string {
  let best = '';
  for (const i of breakPoints(text)) {
    const candidate = text.slice(0, i);
    if (textWidth(candidate, fontSize, bold) > maxWidth) break;
    best = candidate;
  }
  if (best) return best;
  let line = '';
  for (const ch of text) {
    if (line && textWidth(line + ch, fontSize, bold) > maxWidth) break;
    line += ch;
  }
  return line;
}

/**
 * `text` in at most `maxLines` lines no wider than `maxWidth` px: broken at spaces (or after a hyphen), and
 * only when even that does not fit, the last line cut with "…". `cut` says whether anything was left out.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false, maxLines = 2): { lines: string[]; cut: boolean } {
  const lines: string[] = [];
  let rest = text.trim();
  while (lines.length < maxLines - 1 && textWidth(rest, fontSize, bold) > maxWidth) {
    const line = firstLine(rest, maxWidth, fontSize, bold);
    lines.push(line.trimEnd());
    rest = rest.slice(line.length).trimStart();
  }
  const last = fitText(rest, maxWidth, fontSize, bold);
  lines.push(last);
  return { lines, cut: last !== rest };
}
