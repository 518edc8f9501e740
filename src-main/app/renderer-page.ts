// Which page is Parley's own: the one that gets the preload's api and may navigate. Electron-free so
// it is tested under plain Node.
import path from 'node:path';

export type RendererPage = { kind: 'file'; index: string } | { kind: 'dev-server'; url: string };

/**
 * The built index.html of this app; in development (never when packaged, where anyone could set the
 * variable) the dev server that ELECTRON_RENDERER_URL names.
 */
export function rendererPage(appPath: string, isPackaged: boolean, devUrl: string | undefined): RendererPage {
  if (!isPackaged && devUrl) return { kind: 'dev-server', url: devUrl };
  return { kind: 'file', index: path.join(appPath, 'out', 'renderer', 'index.html') };
}

/** True when a frame at `url` shows Parley's own page. */
export function isRendererUrl(url: string, page: RendererPage, platform: NodeJS.Platform = process.platform): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (page.kind === 'dev-server') return parsed.origin === new URL(page.url).origin;
  const file = fileUrlPath(parsed, platform);
  if (file === null) return false;
  // Paths, not URLs: Chromium and Node escape %, [ and ] differently when they build file URLs.
  if (platform === 'win32') return path.win32.normalize(file).toLowerCase() === path.win32.normalize(page.index).toLowerCase();
  return path.posix.normalize(file) === path.posix.normalize(page.index);
}

/** The file a file: URL names, decoded as Chromium does when it opens it (valid %XX sequences only). */
function fileUrlPath(url: URL, platform: NodeJS.Platform): string | null {
  if (url.protocol !== 'file:') return null;
  const decoded = percentDecode(url.pathname);
  if (platform !== 'win32') return url.hostname ? null : decoded;
  if (url.hostname) return `\\\\${url.hostname}${decoded.replaceAll('/', '\\')}`;
  return decoded.replace(/^\/([A-Za-z]:)/, '$1');
}

function percentDecode(s: string): string {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < s.length; ) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 3;
    } else {
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      bytes.push(...encoder.encode(ch));
      i += ch.length;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
