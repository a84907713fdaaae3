// The one typeface of the forms: Tinos (Times New Roman metrics), from @fontsource/tinos,
// held in memory and served to Chromium through request interception. Tinos's Kazakh
// letters are split between the `cyrillic` (ә ғ қ ң ө ұ ү һ і …) and `cyrillic-ext`
// subsets, so both are loaded with `latin`, regular and bold. The machine's own fonts are
// never used: Debian's Liberation Serif lacks most Kazakh letters and Chromium would
// silently substitute another font.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The origin the printed pages see; every request to it is answered from memory. */
export const FORMS_ORIGIN = 'https://forms.bagalau.invalid';

const SUBSETS = ['latin', 'cyrillic', 'cyrillic-ext'] as const;
const WEIGHTS = [400, 700] as const;

export interface FontFile {
  file: string;
  subset: (typeof SUBSETS)[number];
  weight: (typeof WEIGHTS)[number];
  unicodeRange: string;
  data: Buffer;
}

let cache: FontFile[] | undefined;

/** The six Tinos woff2 files, read once. */
export function tinosFonts(): FontFile[] {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@fontsource/tinos/package.json'));
  const ranges = JSON.parse(readFileSync(join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
  const fonts: FontFile[] = [];
  for (const subset of SUBSETS) {
    const range = ranges[subset];
    if (!range) throw new Error(`@fontsource/tinos: no unicode range for the ${subset} subset in unicode.json`);
    for (const weight of WEIGHTS) {
      const file = `tinos-${subset}-${weight}-normal.woff2`;
      fonts.push({ file, subset, weight, unicodeRange: range, data: readFileSync(join(dir, 'files', file)) });
    }
  }
  cache = fonts;
  return fonts;
}

/** @font-face rules pointing at the in-memory files. */
export function fontFaceCss(): string {
  return tinosFonts()
    .map(
      (f) =>
        `@font-face{font-family:'Tinos';font-style:normal;font-weight:${f.weight};font-display:block;` +
        `src:url(${FORMS_ORIGIN}/fonts/${f.file}) format('woff2');unicode-range:${f.unicodeRange};}`,
    )
    .join('\n');
}

/** The font file for a request path ("/fonts/tinos-…woff2"), if any. */
export function fontForPath(path: string): FontFile | undefined {
  const name = path.replace(/^\/fonts\//, '');
  return tinosFonts().find((f) => f.file === name);
}
