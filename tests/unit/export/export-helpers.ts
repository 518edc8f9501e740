// What the export tests check files with: independent tools (rsvg-convert, pdfinfo, pdftotext), a small
// PNG reader, and an ink count that tells a drawn chart from a blank image.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { DOMParser } from 'linkedom';
import { afterEach, it } from 'vitest';
import { decodePng, type Png } from '../../fixtures/png.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A new empty folder, removed after the test. */
export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-export-'));
  dirs.push(d);
  return d;
}

export const hasTool = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/**
 * `it` when the independent checkers (rsvg-convert, pdfinfo, pdftotext) are installed. Elsewhere the
 * tests that need them are skipped with the reason printed — except in CI, which installs them
 * (.ci/run), so a missing tool there fails loudly instead of hiding.
 */
export function itWithTools(tools: string[]): typeof it | typeof it.skip {
  const missing = tools.filter((t) => !hasTool(t));
  if (missing.length === 0 || process.env.CI) return it;
  console.warn(`[export tests] skipping the checks that need ${missing.join(', ')}: install poppler-utils and librsvg2-bin (apt-get) to run them`);
  return it.skip;
}

export { decodePng, pngSize, type Png } from '../../fixtures/png.ts';

/** The share of pixels that differ clearly from the top-left pixel (the chart's background). */
export function inkShare(png: Png): number {
  const p = png.pixels;
  let ink = 0;
  for (let i = 0; i < p.length; i += 4) {
    if (Math.abs(p[i]! - p[0]!) + Math.abs(p[i + 1]! - p[1]!) + Math.abs(p[i + 2]! - p[2]!) + Math.abs(p[i + 3]! - p[3]!) > 60) ink++;
  }
  return ink / (png.width * png.height);
}

/** rsvg-convert (librsvg; strict XML) draws the SVG file to PNG; it fails on malformed XML. */
export function rsvgRender(svgFile: string): Png {
  const png = execFileSync('rsvg-convert', ['--format', 'png', svgFile], { maxBuffer: 512 * 1024 * 1024 });
  return decodePng(png);
}

/** resvg draws the SVG text to RGBA pixels. */
export function resvgRender(svg: string): Png {
  const r = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render();
  return { width: r.width, height: r.height, pixels: new Uint8Array(r.pixels) };
}

export function pdfInfo(file: string): { pages: number; width: number; height: number; title: string } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = out.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
  return {
    pages: Number(out.match(/Pages:\s+(\d+)/)![1]),
    width: Number(size![1]),
    height: Number(size![2]),
    title: out.match(/Title:\s+(.*)/)?.[1] ?? '',
  };
}

export const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

export function parseSvg(text: string): Document {
  return new DOMParser().parseFromString(text, 'image/svg+xml') as unknown as Document;
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}
