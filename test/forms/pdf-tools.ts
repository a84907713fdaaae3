// poppler-utils for the forms tests: text, fonts and page images of a PDF.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The text with every run of white space made one space, for phrases that wrap. */
export const flat = (text: string) => text.replace(/\s+/g, ' ');

/** Font names (subset prefix removed) and whether each is embedded. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  return out.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID: emb is the 5th column from the end
    return { name: cols[0].replace(/^[A-Z]{6}\+/, ''), embedded: cols[cols.length - 5] === 'yes' };
  });
}

/** The text in content order (no layout), for comparing two prints of the same document. */
export function pdfRawText(file: string): string {
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}

/**
 * Each page's text in content order, its page number ("1 / 2 бет") taken out of the text: a
 * batch's numbers are written by pdf-lib after Chromium's content, a document printed
 * alone has them where Chromium draws its margin box, so only their place in the stream differs.
 */
export function pdfRawPages(file: string): { number: string; text: string }[] {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  return Array.from({ length: pages }, (_, i) => {
    const raw = execFileSync('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' });
    const numbers = raw.match(/^\d+ \/ \d+ \S+$/gm) ?? [];
    return { number: numbers.join(' | '), text: raw.replace(/^\d+ \/ \d+ \S+\n/gm, '') };
  });
}

/** The structure tree with its text (pdfinfo -struct-text), the IDs Chromium numbers per print left out. */
export function pdfStructure(file: string): string {
  return execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' }).replace(/node\d+/g, 'node');
}

export function pdfTagged(file: string): boolean {
  return /Tagged:\s+yes/.test(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
}

export function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

export function firstPagePng(file: string, prefix: string): void {
  mkdirSync(dirname(prefix), { recursive: true });
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', file, prefix]);
}

/**
 * The phrase as one run of text, or — for a phrase that wraps inside a table cell, which
 * pdftotext -layout interleaves with the neighbouring cells — its words in order.
 */
export function expectPhrase(text: string, phrase: string, what: string): void {
  if (text.includes(phrase)) return;
  const words = text.split(' ');
  let at = 0;
  for (const word of phrase.split(' ')) {
    const found = words.findIndex((w, i) => i >= at && w.includes(word));
    expect(found, `${what}: "${phrase}" (word "${word}")`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}
