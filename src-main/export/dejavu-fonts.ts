// DejaVu Sans on this system: the font whose metrics the charts are laid out with, which the PDF embeds and
// the PNG is drawn with.
import fs from 'node:fs';
import path from 'node:path';

const DEJAVU_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/local/share/fonts/dejavu', '/Library/Fonts', 'C:\\Windows\\Fonts'];

let dejavuPaths: { regular: string; bold: string } | null | undefined;

/** Where DejaVu Sans and DejaVu Sans Bold are installed, or null. */
export function dejavuFiles(): { regular: string; bold: string } | null {
  if (dejavuPaths !== undefined) return dejavuPaths;
  dejavuPaths = null;
  for (const dir of DEJAVU_DIRS) {
    const files = { regular: path.join(dir, 'DejaVuSans.ttf'), bold: path.join(dir, 'DejaVuSans-Bold.ttf') };
    if (fs.existsSync(files.regular) && fs.existsSync(files.bold)) {
      dejavuPaths = files;
      break;
    }
  }
  return dejavuPaths;
}
