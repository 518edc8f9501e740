// SVG → PNG with resvg (no browser): exactly width × scale by height × scale pixels, with the system's fonts.
import { dejavuFiles } from './dejavu-fonts.ts';
import { ResvgClass } from './native-modules.ts';
import { shapeTextOnce } from './png-text.ts';

export type PngScale = 1 | 2 | 3;

/**
 * The exported SVG names a font stack for other viewers ('DejaVu Sans' first, then Verdana, …). Here
 * DejaVu Sans is what resvg draws with anyway; naming only it spares resvg a failed look-up of every
 * other family for each text run. Text content cannot contain `font-family="`: quotes in text are escaped.
 */
const FONT_STACK = /font-family="[^"]*"/g;
/** Tooltips draw nothing; resvg need not parse them. User text in them is escaped, so it holds no "<". */
const TOOLTIPS = /<title>[^<]*<\/title>/g;

/** Text DejaVu Sans draws by itself: Latin, Greek, Cyrillic and Armenian, punctuation, arrows and symbols (✕). */
const DEJAVU_TEXT = /^[\u0000-\u058F\u2000-\u2BFF]*$/;

/**
 * The fonts resvg loads. Given just the two DejaVu files it shapes text about twice as fast as when it
 * searches every system font for each glyph; text in other scripts (Chinese, Arabic, …) needs the system's
 * fonts as fallbacks, and so does a system without DejaVu.
 */
export function pngFonts(svg: string): { loadSystemFonts: boolean; fontFiles?: string[] } {
  const dejavu = dejavuFiles();
  return dejavu && DEJAVU_TEXT.test(svg) ? { loadSystemFonts: false, fontFiles: [dejavu.regular, dejavu.bold] } : { loadSystemFonts: true };
}

export function svgToPng(svg: string, scale: PngScale = 1): Buffer {
  const Resvg = ResvgClass();
  const lean = svg.replace(TOOLTIPS, '').replace(FONT_STACK, 'font-family="DejaVu Sans"');
  const font = { ...pngFonts(lean), defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' };
  const shaped = shapeTextOnce(lean, (helper) => new Resvg(helper, { font }).toString());
  const resvg = new Resvg(shaped, { fitTo: { mode: 'zoom', value: scale }, font, shapeRendering: 2, textRendering: 1 });
  return resvg.render().asPng();
}
