// Which URLs count as Parley's own page, on every OS, and whatever the install path holds.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRendererUrl, rendererPage } from '../../../src-main/app/renderer-page.ts';
import { electronFileUrl } from './crossing.ts';

describe('rendererPage', () => {
  it('is the built index.html, or the dev server in development only', () => {
    expect(rendererPage('/opt/Parley', false, undefined)).toEqual({ kind: 'file', index: path.join('/opt/Parley', 'out', 'renderer', 'index.html') });
    expect(rendererPage('/opt/Parley', false, 'http://localhost:5173')).toEqual({ kind: 'dev-server', url: 'http://localhost:5173' });
    expect(rendererPage('/opt/Parley', true, 'http://localhost:5173')).toEqual({ kind: 'file', index: path.join('/opt/Parley', 'out', 'renderer', 'index.html') });
  });
});

describe('isRendererUrl on POSIX', () => {
  const awkward = ['/opt/Parley 100% [beta]/x', '/home/a#b/c?d', '/Applications/Parley.app/Contents/Resources/app.asar', '/home/zoë/✓ apps', '/tmp/50%/x'];
  for (const dir of awkward) {
    it(`accepts the page under ${dir}, however its URL is escaped`, () => {
      const index = path.posix.join(dir, 'out', 'renderer', 'index.html');
      const page = { kind: 'file', index } as const;
      expect(isRendererUrl(electronFileUrl(index), page, 'linux')).toBe(true);
      expect(isRendererUrl(`${electronFileUrl(index)}#compare`, page, 'linux')).toBe(true);
      expect(isRendererUrl(new URL(`file://${index.replaceAll('%', '%25').replaceAll('#', '%23').replaceAll('?', '%3F')}`).href, page, 'linux')).toBe(true);
    });
  }

  it('refuses other files, hosts and schemes', () => {
    const page = { kind: 'file', index: '/opt/Parley/out/renderer/index.html' } as const;
    for (const url of ['file:///opt/Parley/out/renderer/index.htm', 'file:///opt/Parley/out/renderer/other.html', 'file://server/opt/Parley/out/renderer/index.html', 'http://localhost/opt/Parley/out/renderer/index.html', 'not a url', '']) {
      expect(isRendererUrl(url, page, 'linux'), url).toBe(false);
    }
    expect(isRendererUrl('file:///opt/Parley/out/renderer/../renderer/index.html', page, 'linux')).toBe(true);
  });
});

describe('isRendererUrl on Windows', () => {
  const page = { kind: 'file', index: 'C:\\Program Files (x86)\\Parley [beta] 100%\\resources\\app.asar\\out\\renderer\\index.html' } as const;
  it('accepts the page as Chromium reports it, whatever the case of the drive and folders', () => {
    expect(isRendererUrl('file:///C:/Program%20Files%20(x86)/Parley%20[beta]%20100%/resources/app.asar/out/renderer/index.html', page, 'win32')).toBe(true);
    expect(isRendererUrl('file:///c:/program%20files%20(x86)/PARLEY%20%5Bbeta%5D%20100%25/resources/app.asar/out/renderer/index.html', page, 'win32')).toBe(true);
  });
  it('accepts a page on a network share and refuses other drives', () => {
    expect(isRendererUrl('file://server/share/Parley/index.html', { kind: 'file', index: '\\\\server\\share\\Parley\\index.html' }, 'win32')).toBe(true);
    expect(isRendererUrl('file:///D:/Program%20Files%20(x86)/Parley%20[beta]%20100%/resources/app.asar/out/renderer/index.html', page, 'win32')).toBe(false);
  });
});

describe('isRendererUrl for the dev server', () => {
  const page = { kind: 'dev-server', url: 'http://localhost:5173' } as const;
  it('accepts its origin only', () => {
    expect(isRendererUrl('http://localhost:5173/', page)).toBe(true);
    expect(isRendererUrl('http://localhost:5173/src/App.svelte?x', page)).toBe(true);
    for (const url of ['http://localhost:5173@evil.example/', 'http://localhost:51730/', 'https://localhost:5173/', 'http://127.0.0.1:5173/', 'file:///index.html']) {
      expect(isRendererUrl(url, page), url).toBe(false);
    }
  });
});
