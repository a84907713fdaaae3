// The fixed text of the annexes as the act prints them (Almaty's annexes 1–8, at the end of
// sources/almaty-akimat-2023.kk.txt), normalised for the OCR corrections, and the
// fixed text of a blank form as bagalau prints it; their word-level differences; and the list
// of the differences bagalau makes on purpose, which docs/forms.md keeps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../..');
export const SOURCES = join(root, 'sources');

/** Corrections applied to the act's text before comparing (test/forms/fixtures/annex-ocr.yaml). */
interface Correction {
  printed: string;
  encoded: string;
  where?: string;
}

export function ocrCorrections(): Correction[] {
  return (parse(readFileSync(join(import.meta.dirname, 'fixtures', 'annex-ocr.yaml'), 'utf8')) as { corrections: Correction[] })
    .corrections;
}

/** Typography that is not wording: quotes, dashes, spaces. */
export function typography(text: string): string {
  return text
    .replace(/[«»“”„]/g, '"')
    .replace(/[–—‑]/g, '-')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of Almaty's annex `n`, from "N-қосымша" to the next annex's header, as printed (OCR defects in). */
export function annexAsPrinted(n: number): string {
  const text = readFileSync(join(SOURCES, 'almaty-akimat-2023.kk.txt'), 'utf8');
  const lines = text.split('\n');
  // each annex starts with the header "Алматы қаласы әкімдігінің … N-қосымша"
  const starts = lines.flatMap((l, i) => (/^\s*Алматы қаласы әкімдігінің\s*$/.test(l) ? [i] : []));
  const header = starts.find((s) => lines.slice(s, s + 14).some((l) => new RegExp(`^\\s*${n}-қосымша\\s*$`).test(l)));
  if (header === undefined) throw new Error(`annex ${n} not found in almaty-akimat-2023.kk.txt`);
  const next = starts.find((s) => s > header) ?? lines.length;
  return lines.slice(header, next).join('\n');
}

/** The act's annex text as the forms should print it: OCR corrected, markup and blanks ("\_\_\_") removed, typography normalised. */
export function annexText(n: number, header?: string): string {
  // markup and blanks out, typography normalised, the whole annex on one line
  let text = typography(
    annexAsPrinted(n)
      .replace(/\\_/g, '_')
      .replace(/_{2,}/g, ' ')
      .replace(/<\/?p>/g, ' ')
      .replace(/\t/g, ' '),
  );
  // then the corrections, each in the annexes it names (written in that normalised form)
  for (const c of ocrCorrections()) {
    const annexes = String(c.where ?? '')
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean);
    if (annexes.length && !annexes.includes(String(n))) continue;
    const printed = typography(c.printed);
    if (annexes.length && !text.includes(printed)) throw new Error(`annex ${n}: the correction "${c.printed}" matches nothing`);
    text = text.split(printed).join(typography(c.encoded));
  }
  if (header !== undefined) {
    // a body that prints the model's annexes: the model's header instead of Almaty's
    text = text.replace(
      /^Алматы қаласы әкімдігінің "Б" корпусы мемлекеттік әкімшілік қызметшілерінің қызметін бағалау әдістемесіне/,
      typography(header),
    );
  }
  return text;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#x27': "'",
  '#39': "'",
  '#x3D': '=',
  '#x60': '`',
  nbsp: ' ',
};

/** The text a blank form's HTML prints (the radar's drawing and comments left out). */
export function formText(html: string): string {
  return typography(
    html
      .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      // inline elements do not separate words; every other element does
      .replace(/<\/?(span|b|i|em|strong)\b[^>]*>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&([a-z0-9#]+);/gi, (all, e: string) => ENTITIES[e] ?? all)
      .replace(/\u00ad/g, ''),
  );
}

export interface Hunk {
  /** Words the act prints that the form does not ("" for an added line). */
  act: string;
  /** Words the form prints that the act does not ("" for a dropped line). */
  form: string;
  /** A few words before the difference, to find it. */
  before: string;
}

/** The word-level differences between the act's text and the form's (longest common subsequence). */
export function wordDiff(act: string, form: string): Hunk[] {
  const a = act.split(' ').filter(Boolean);
  const b = form.split(' ').filter(Boolean);
  const n = a.length;
  const m = b.length;
  // lengths of the common subsequences of the suffixes
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let current: { act: string[]; form: string[]; at: number } | undefined;
  const close = () => {
    if (current)
      hunks.push({
        act: current.act.join(' '),
        form: current.form.join(' '),
        before: a.slice(Math.max(0, current.at - 4), current.at).join(' '),
      });
    current = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      close();
      i++;
      j++;
      continue;
    }
    current ??= { act: [], form: [], at: i };
    if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) current.form.push(b[j++]);
    else current.act.push(a[i++]);
  }
  close();
  return hunks;
}

/** A difference bagalau makes on purpose, as docs/forms.md lists it. */
export interface ListedDifference {
  annex: number;
  /** The bodies it applies to (methodology ids), or all. */
  bodies?: string[];
  act: string;
  form: string;
  kind: string;
}

/**
 * The table of docs/forms.md's section "The annexes' own wording": | annex | act prints |
 * form prints | kind | why |, texts in `code`, "—" for none, "4 (enbekshikazakh-maslikhat-2023)"
 * for one body only.
 */
export function listedDifferences(): ListedDifference[] {
  const doc = readFileSync(join(root, 'docs', 'forms.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith("The annexes' own wording"));
  if (!section) throw new Error('docs/forms.md has no section "## The annexes\' own wording"');
  const rows = section.split('\n').filter((l) => /^\|\s*\d/.test(l));
  const cell = (c: string) => {
    const t = c.trim();
    return t === '—' ? '' : typography(t.replace(/^`|`$/g, ''));
  };
  return rows.map((row) => {
    const cells = row.split('|').slice(1, -1);
    const [annex, bodies] = /^\s*(\d+)\s*(?:\(([^)]*)\))?/.exec(cells[0])!.slice(1);
    return {
      annex: Number(annex),
      bodies: bodies?.split(',').map((b) => b.trim()),
      act: cell(cells[1]),
      form: cell(cells[2]),
      kind: cells[3].trim(),
    };
  });
}
