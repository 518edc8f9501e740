// SVG → PNG with resvg (no browser): exactly width × scale by height × scale pixels, with the system's fonts.
import { ResvgClass } from './native-modules.ts';

export type PngScale = 1 | 2 | 3;

export function svgToPng(svg: string, scale: PngScale = 1): Buffer {
  const Resvg = ResvgClass();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}
