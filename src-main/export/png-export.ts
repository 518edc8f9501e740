// SVG → PNG with resvg (no browser): exactly width × scale by height × scale pixels, with the system's fonts.
import { ResvgClass } from './native-modules.ts';

export type PngScale = 1 | 2 | 3;

/**
 * The exported SVG names a font stack for other viewers ('DejaVu Sans' first, then Verdana, …). Here
 * DejaVu Sans is what resvg draws with anyway; naming only it spares resvg a failed look-up of every
 * other family for each text run (about a fifth of the time on a chart with hundreds of labels).
 * Text content cannot contain `font-family="`: quotes in text are escaped.
 */
const FONT_STACK = /font-family="[^"]*"/g;

export function svgToPng(svg: string, scale: PngScale = 1): Buffer {
  const Resvg = ResvgClass();
  const resvg = new Resvg(svg.replace(FONT_STACK, 'font-family="DejaVu Sans"'), {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}
