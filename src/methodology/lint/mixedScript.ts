// No text of a methodology may contain a word that mixes Latin and Cyrillic (or other)
// letters: they come from OCR and keyboard accidents and would be printed on the forms.
import type { Diagnostic, SourcePosition } from '../diagnostic.js';
import { findMixedScriptWords, foreignLetters } from '../../text/mixedScript.js';
import { displayPath } from '../pointer.js';
import { andList, t, type MessageId } from '../../i18n/index.js';
import { finding, forEachValue, type LintRule } from './rule.js';

const scriptNames: Record<string, MessageId> = { Latin: 'lint.script.Latin', Cyrillic: 'lint.script.Cyrillic', other: 'lint.script.other' };

export const mixedScript: LintRule = {
  id: 'mixed-script',
  description: 'No word mixes Latin and Cyrillic letters.',
  check(context) {
    const out: Diagnostic[] = [];
    const files = new Map(context.resolved.chain.map((s) => [s.file, s.text]));
    forEachValue(context.methodology, '', (node, pointer) => {
      if (typeof node !== 'string') return;
      for (const hit of findMixedScriptWords(node)) {
        const origin = context.resolved.originOf(pointer);
        let at: SourcePosition | undefined = origin?.value;
        const text = origin ? files.get(origin.file) : undefined;
        if (origin && text) {
          const offset = text.indexOf(hit.word, origin.range[0]);
          if (offset >= 0 && offset <= origin.range[1]) at = positionAt(text, offset, origin.file);
        }
        const foreign = foreignLetters(hit.word);
        out.push(
          finding(
            context,
            'mixed-script',
            'error',
            pointer,
            t('lint.mixed-script', {
              word: hit.word,
              path: displayPath(pointer),
              scripts: andList(hit.scripts.map((s) => t(scriptNames[s]))),
              foreign,
              letters: foreign.length,
            }),
            t('lint.mixed-script.hint'),
            at,
          ),
        );
      }
    });
    return out;
  },
};

function positionAt(text: string, offset: number, file: string): SourcePosition {
  let line = 1,
    lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { file, line, col: offset - lineStart + 1 };
}
