// Issue 13, point 7: the glossary users see covers every term the app uses without explaining it, and the
// repository's docs/glossary.md says exactly what the app says.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, glossaryMarkdown } from '../../../src-core/glossary.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

describe('glossary', () => {
  it('explains every term the review found unexplained', () => {
    const terms = GLOSSARY.map((g) => g.term.toLowerCase());
    for (const t of ['salience', 'reservation', 'coverage', 'spread', 'pareto front', 'no basis', 'match', 'red line', 'nash']) expect(terms).toContain(t);
    for (const g of GLOSSARY) {
      expect(g.text.length, g.term).toBeGreaterThan(80);
      expect(g.text, g.term).not.toMatch(/DESIGN|§/);
      expect(g.ask).toMatch(/^What (is|are) .+\?$/);
    }
    expect(new Set(GLOSSARY.map((g) => g.id)).size).toBe(GLOSSARY.length);
  });

  it('docs/glossary.md is the same text (regenerate it from glossaryMarkdown() after an edit)', () => {
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'glossary.md'), 'utf8')).toBe(glossaryMarkdown());
  });
});
