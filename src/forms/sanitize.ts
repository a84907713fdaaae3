// What may be printed on a form. Names and texts come from the HR service's input and from
// methodologies: control and formatting characters (zero-width spaces, bidi overrides such as
// U+202E, which would reverse the printed text, soft hyphens, BOMs) are removed with a warning
// naming the field, and a character the forms' font (Tinos) has no glyph for — an emoji, a
// Chinese name — stops the form: Chromium would silently draw it in a fallback font of the
// machine, which the forms must never embed (docs/forms.md).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { t } from '../i18n/index.js';

/** Removed from printed text: Unicode controls (but white space), formats, private use, surrogates, separators of lines and paragraphs. */
// eslint-disable-next-line no-control-regex -- the control characters are what it removes
const INVISIBLE = /[\p{Cf}\p{Co}\p{Cs}\u0000-\u0008\u000E-\u001F\u007F-\u009F\u2028\u2029]/gu;
/** Control white space (tab, new line…) is printed as a space, without a warning. */
const CONTROL_SPACE = /[\t\n\v\f\r\u0085]/g;

export const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The text without invisible characters, and which were removed ("U+202E"). */
export function cleanText(text: string): { text: string; removed: string[] } {
  const removed = [...new Set(text.match(INVISIBLE) ?? [])].map(codePoint);
  const cleaned = removed.length ? text.replace(INVISIBLE, '') : text;
  return { text: cleaned.replace(CONTROL_SPACE, ' '), removed };
}

let coverage: Set<number> | undefined;

/** The code points Tinos draws in both weights the forms use (its latin, cyrillic and cyrillic-ext subsets). */
export function tinosCoverage(): Set<number> {
  if (coverage) return coverage;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@fontsource/tinos/package.json')), 'files');
  const weights = [400, 700].map((weight) => {
    const set = new Set<number>();
    for (const subset of ['latin', 'cyrillic', 'cyrillic-ext']) {
      for (const cp of woffCmap(readFileSync(join(dir, `tinos-${subset}-${weight}-normal.woff`)))) set.add(cp);
    }
    return set;
  });
  coverage = new Set([...weights[0]].filter((cp) => weights[1].has(cp)));
  // white space is laid out, not drawn
  for (const cp of [0x20, 0xa0]) coverage.add(cp);
  return coverage;
}

/** The characters of a text the font has no glyph for. */
export function uncovered(text: string): string[] {
  const covered = tinosCoverage();
  const missing = new Set<string>();
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    // ASCII and the Cyrillic block are always covered: the fast path of every name
    if ((cp < 0x7f && cp >= 0x20) || (cp >= 0x400 && cp <= 0x4ff && covered.has(cp))) continue;
    if (!covered.has(cp)) missing.add(char);
  }
  return [...missing];
}

/** The code points a WOFF 1.0 font maps to a glyph (its cmap: formats 4 and 12). */
export function woffCmap(woff: Buffer): number[] {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const numTables = woff.readUInt16BE(12);
  let cmap: Buffer | undefined;
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    if (woff.toString('latin1', entry, entry + 4) !== 'cmap') continue;
    const offset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const data = woff.subarray(offset, offset + compLength);
    cmap = compLength < origLength ? inflateSync(data) : Buffer.from(data);
  }
  if (!cmap) throw new Error('the font has no cmap');
  const points = new Set<number>();
  const records = cmap.readUInt16BE(2);
  for (let r = 0; r < records; r++) {
    const platform = cmap.readUInt16BE(4 + r * 8);
    const encoding = cmap.readUInt16BE(6 + r * 8);
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const at = cmap.readUInt32BE(8 + r * 8);
    const format = cmap.readUInt16BE(at);
    if (format === 4) {
      const segments = cmap.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + segments * 2 + 2;
      const deltas = starts + segments * 2;
      const rangeOffsets = deltas + segments * 2;
      for (let s = 0; s < segments; s++) {
        const end = cmap.readUInt16BE(ends + s * 2);
        const start = cmap.readUInt16BE(starts + s * 2);
        const delta = cmap.readInt16BE(deltas + s * 2);
        const rangeOffset = cmap.readUInt16BE(rangeOffsets + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
          else {
            const index = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
            glyph = index + 2 <= cmap.length ? cmap.readUInt16BE(index) : 0;
            if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
          }
          if (glyph !== 0) points.add(c);
        }
      }
    } else if (format === 12) {
      const groups = cmap.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        const start = cmap.readUInt32BE(at + 16 + g * 12);
        const end = cmap.readUInt32BE(at + 20 + g * 12);
        const glyph = cmap.readUInt32BE(at + 24 + g * 12);
        for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) points.add(c);
      }
    }
  }
  return [...points];
}

export interface TextProblem {
  /** The field, as the input or the view names it: "H01: name", "annex4: wording.intro[0]". */
  field: string;
  message: string;
}

/**
 * A copy of `value` whose strings are printable: invisible characters removed (a warning
 * each), characters the font lacks reported as errors (the form must not be printed).
 */
export function printable<T>(value: T, prefix: string, warnings: TextProblem[], errors: TextProblem[] | undefined, path = ''): T {
  if (typeof value === 'string') {
    const { text, removed } = cleanText(value);
    const field = `${prefix}${path}`;
    if (removed.length)
      warnings.push({
        field,
        message: t('render.removedCharacters', { field, characters: removed.join(', ') }),
      });
    const missing = errors ? uncovered(text) : [];
    if (missing.length)
      errors!.push({
        field,
        message: t('render.missingGlyph', { field, characters: missing.map((c) => `"${c}" (${codePoint(c)})`).join(', ') }),
      });
    return text as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => printable(v, prefix, warnings, errors, `${path}[${i}]`)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      // what the engine explains (traces, problems, deadlines, facts) is never printed on a form
      out[key] = NOT_PRINTED.has(key) ? v : printable(v, prefix, warnings, errors, path ? `${path}.${key}` : key);
    }
    return out as T;
  }
  return value;
}

const NOT_PRINTED = new Set(['trace', 'problems', 'deadlines', 'facts', 'steps', 'responses']);
