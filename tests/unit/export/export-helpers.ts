// What the export tests check files with: independent tools (rsvg-convert, pdfinfo, pdftotext), a small
// PNG reader, and an ink count that tells a drawn chart from a blank image.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { DOMParser } from 'linkedom';
import { afterEach, it } from 'vitest';

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

export interface Png {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel. */
  pixels: Uint8Array;
}

/** Width and height from the IHDR chunk. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  if (buf.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a' || buf.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what resvg and rsvg-convert write). */
export function decodePng(buf: Buffer): Png {
  const { width, height } = pngSize(buf);
  const depth = buf[24];
  const colorType = buf[25];
  const interlace = buf[28];
  if (depth !== 8 || (colorType !== 6 && colorType !== 2) || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colorType}, interlace ${interlace}`);
  const channels = colorType === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    const type = buf.subarray(at + 4, at + 8).toString('latin1');
    if (type === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      const x = line[i]!;
      let v: number;
      if (filter === 0) v = x;
      else if (filter === 1) v = x + a;
      else if (filter === 2) v = x + b;
      else if (filter === 3) v = x + ((a + b) >> 1);
      else {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      cur[i] = v & 255;
    }
    for (let px = 0; px < width; px++) {
      for (let k = 0; k < 4; k++) out[(y * width + px) * 4 + k] = k < channels ? cur[px * channels + k]! : 255;
    }
    prev.set(cur);
  }
  return { width, height, pixels: out };
}

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
