// resvg shapes every <text> afresh, and shaping is most of a PNG export's time: a 12 × 20 grouped-bars chart
// prints each party's name twenty times and the same numbers over and over. Here each distinct text is shaped
// once — resvg turns a helper SVG holding one copy of each into paths — and every occurrence in the chart
// becomes a <use> of those paths, placed and coloured as the text was. Works on Parley's own SVG, whose
// serializer writes every <text> as plain attributes and escaped text (svg-export.ts).

const TEXT = /<text((?:\s+[a-z:-]+="[^"]*")*)\s*>([^<]*)<\/text>/g;
const ATTR = /\s+([a-z:-]+)="([^"]*)"/g;
/** Attributes that change the glyphs' shapes or where they sit relative to x, y: part of what is shaped. */
const SHAPE = new Set(['font-size', 'font-weight', 'font-style', 'text-anchor']);
/** Attributes that only place or colour the shaped text: they go on the <use>. */
const PLACE = new Set(['x', 'y', 'transform', 'fill']);
const ID = 'parley-text-';

const attrsOf = (s: string) => new Map(Array.from(s.matchAll(ATTR), (m) => [m[1]!, m[2]!] as const));
/** What a text is shaped from: its shaping attributes, then its (escaped) content. */
const keyOf = (attrs: Map<string, string>, content: string) => `${[...SHAPE].filter((a) => attrs.has(a)).map((a) => ` ${a}="${attrs.get(a)}"`).join('')}>${content}`;

/**
 * `svg` with each distinct text shaped once: `toPaths` is resvg's conversion of an SVG to one whose text is
 * paths (usvg's output, where a <text id> becomes a <g id> of paths). Texts it cannot place stay text.
 */
export function shapeTextOnce(svg: string, toPaths: (helper: string) => string): string {
  const root = /^([\s\S]*?<svg\b[^>]*>)/.exec(svg);
  if (!root) return svg;
  const rootAttrs = attrsOf(root[1]!.slice(root[1]!.lastIndexOf('<svg') + 4, -1));
  // A text that occurs once gains nothing from being shaped apart.
  const counts = new Map<string, number>();
  for (const m of svg.matchAll(TEXT)) {
    const attrs = attrsOf(m[1]!);
    if ([...attrs.keys()].some((a) => !SHAPE.has(a) && !PLACE.has(a))) continue;
    const key = keyOf(attrs, m[2]!);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const keys = new Map<string, number>();
  const helperTexts: string[] = [];
  for (const [key, n] of counts) {
    if (n < 2) continue;
    keys.set(key, keys.size);
    helperTexts.push(`<text id="${ID}${keys.size - 1}" x="0" y="0"${key.slice(0, key.indexOf('>'))}>${key.slice(key.indexOf('>') + 1)}</text>`);
  }
  if (keys.size === 0) return svg;

  const inherited = ['font-family', 'font-size'].filter((a) => rootAttrs.has(a)).map((a) => ` ${a}="${rootAttrs.get(a)}"`).join('');
  const shaped = toPaths(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"${inherited}>${helperTexts.join('')}</svg>`);
  // Each text's paths, with their fill left to the <use> (and what it inherits), as the text's would be.
  const paths = new Map<string, string>();
  for (const m of shaped.matchAll(/<g id="parley-text-(\d+)">((?:(?!<\/?g\b)[\s\S])*)<\/g>/g)) paths.set(m[1]!, m[2]!.replace(/ fill="[^"]*"/g, '').trim());

  const defs = [...paths].map(([i, p]) => `<g id="${ID}${i}">${p}</g>`).join('');
  const body = svg.slice(root[1]!.length).replace(TEXT, (whole, attrText: string, content: string) => {
    const attrs = attrsOf(attrText);
    const i = keys.get(keyOf(attrs, content));
    if (i === undefined || !paths.has(String(i))) return whole;
    const place = [...PLACE].filter((a) => attrs.has(a)).map((a) => ` ${a}="${attrs.get(a)}"`).join('');
    return `<use href="#${ID}${i}"${place}/>`;
  });
  return `${root[1]}<defs>${defs}</defs>${body}`;
}
