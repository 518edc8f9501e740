// A chart as a self-contained SVG file: drawn by the same core builder as in the app, into a linkedom
// document, and serialised here as strict XML (linkedom's HTML serialiser leaves "&" and "<" bare in
// attribute values). All user text stays text: it only ever reaches the document through d3's .text()
// and .attr(), and is escaped on the way out.
import { defaultChartSize, drawChart, type ChartKind, type ChartSettings } from '../../src-core/charts/index.ts';
import type { CompareData } from '../../src-core/charts/compare-data.ts';
import { LIGHT, type ChartTheme } from '../../src-core/charts/palette.ts';
import { linkedomModule } from './native-modules.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Fonts that exported files ask for: DejaVu Sans first, whose metrics the charts' layout uses and which resvg and the PDF embed. */
export const EXPORT_FONT = "'DejaVu Sans', Verdana, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export interface ExportChartOptions extends ChartSettings {
  width?: number;
  height?: number;
  theme?: ChartTheme;
}

export interface RenderedSvg {
  svg: string;
  width: number;
  height: number;
}

/** The chart as SVG text and its size (the default size for anything not given; a given width sets the default height). */
export function renderChart(kind: ChartKind, data: CompareData, options: ExportChartOptions = {}): RenderedSvg {
  const { width: w, height: h, theme, ...settings } = options;
  const size = w === undefined || h === undefined ? defaultChartSize(kind, data, settings, w) : { width: w, height: h };
  const width = w ?? size.width;
  const height = h ?? size.height;
  const svg = drawnSvg((root) => drawChart(root, kind, data, { ...settings, width, height, theme: { ...(theme ?? LIGHT), font: EXPORT_FONT } }));
  return { svg, width, height };
}

/** What a core chart builder draws into an empty <svg> (in a linkedom document), as a standalone SVG file. */
export function drawnSvg(draw: (svg: SVGSVGElement) => void): string {
  const { document } = linkedomModule().parseHTML('<!doctype html><html><body></body></html>');
  const svg = document.createElementNS(SVG_NS, 'svg') as unknown as SVGSVGElement;
  draw(svg);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeSvg(svg)}\n`;
}

export function renderChartSvg(kind: ChartKind, data: CompareData, options: ExportChartOptions = {}): string {
  return renderChart(kind, data, options).svg;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
// Characters XML 1.0 does not allow at all; user text could carry them.
const stripInvalid = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

/** Geometry is written to 0.01 px; other attributes (labels, data-match with the engine's numbers) as they are. */
const GEOMETRY = new Set(['x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'd', 'transform']);
const roundNumbers = (s: string) => s.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100));

function serializeSvg(root: Element): string {
  const out: string[] = [];
  const walk = (node: Node, isRoot: boolean) => {
    if (node.nodeType === 3) {
      out.push(escapeText(stripInvalid(node.textContent ?? '')));
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const name = el.localName;
    out.push(`<${name}`);
    if (isRoot) out.push(` xmlns="${SVG_NS}"`);
    for (const attr of Array.from(el.attributes)) {
      if (attr.name === 'xmlns') continue;
      const value = GEOMETRY.has(attr.name) ? roundNumbers(attr.value) : attr.value;
      out.push(` ${attr.name}="${escapeAttr(stripInvalid(value))}"`);
    }
    if (!el.hasChildNodes()) {
      out.push('/>');
      return;
    }
    out.push('>');
    for (const child of Array.from(el.childNodes)) walk(child, false);
    out.push(`</${name}>`);
  };
  walk(root, true);
  return out.join('');
}
