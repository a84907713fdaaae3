// Finds words that mix writing systems, such as "құзыret" or "тәртіpte": OCR and
// keyboard-layout accidents that look right on screen but break search, sorting and
// printing. A word here is a run of letters and digits, joined by / or apostrophes,
// so "р/p" counts as one word; a hyphen separates words ("1-тaraу" → "тaraу").

export type Script = 'Latin' | 'Cyrillic' | 'other';

export interface MixedScriptWord {
  word: string;
  /** Offset of the word in the text, in UTF-16 code units. */
  index: number;
  scripts: Script[];
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:[/'’][\p{L}\p{M}\p{N}]+)*/gu;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LETTER = /\p{L}/u;

function scriptOf(char: string): Script | undefined {
  if (!LETTER.test(char)) return undefined;
  if (LATIN.test(char)) return 'Latin';
  if (CYRILLIC.test(char)) return 'Cyrillic';
  return 'other';
}

export function findMixedScriptWords(text: string): MixedScriptWord[] {
  const found: MixedScriptWord[] = [];
  for (const match of text.matchAll(WORD)) {
    const scripts = new Set<Script>();
    for (const char of match[0]) {
      const script = scriptOf(char);
      if (script) scripts.add(script);
    }
    if (scripts.size > 1) found.push({ word: match[0], index: match.index ?? 0, scripts: [...scripts].sort() });
  }
  return found;
}

/**
 * The letters of a mixed word that are not Cyrillic, e.g. "ret" in "құзыret" and
 * "ara" in "тaraу": our texts are Kazakh, so Cyrillic is the script a word should have.
 */
export function foreignLetters(word: string): string {
  return [...word]
    .filter((c) => {
      const s = scriptOf(c);
      return s && s !== 'Cyrillic';
    })
    .join('');
}
