// commander's own errors (an unknown option, a missing argument…) in the language of the
// run. commander writes them in English; they are recognised by their fixed form and
// re-worded from the catalogue. "error:" stays, as in every diagnostic; a form not
// recognised is left as commander wrote it.
import { t, type MessageId } from '../i18n/index.js';

const FORMS: { pattern: RegExp; id: MessageId; names: string[] }[] = [
  { pattern: /^unknown option '([^']*)'/, id: 'cli.unknownOption', names: ['option'] },
  { pattern: /^unknown command '([^']*)'/, id: 'cli.unknownCommand', names: ['command'] },
  { pattern: /^missing required argument '([^']*)'/, id: 'cli.missingArgument', names: ['argument'] },
  { pattern: /^option '([^']*)' argument missing/, id: 'cli.optionArgumentMissing', names: ['option'] },
  { pattern: /^required option '([^']*)' not specified/, id: 'cli.requiredOption', names: ['option'] },
  { pattern: /^option '([^']*)' argument '([^']*)' is invalid\. ?(.*)/s, id: 'cli.invalidArgument', names: ['option', 'value', 'reason'] },
];

export function translateCommanderError(text: string): string {
  const body = /^error: ([\s\S]*?)\n?$/.exec(text)?.[1];
  if (body === undefined) return text;
  // "(Did you mean --year?)" or "(Did you mean one of lint, list?)" on the line after.
  const [first, ...rest] = body.split('\n');
  const suggestion = /^\(Did you mean (one of )?(.*)\?\)$/.exec(rest.join('\n'));
  for (const form of FORMS) {
    const match = form.pattern.exec(form.id === 'cli.invalidArgument' ? body : first);
    if (!match) continue;
    const params = Object.fromEntries(form.names.map((name, k) => [name, match[k + 1] ?? '']));
    let message = t(form.id, params);
    if (form.id !== 'cli.invalidArgument' && rest.length > 0) {
      if (!suggestion) return text;
      message += '\n' + (suggestion[1] ? t('cli.didYouMeanOneOf', { names: suggestion[2] }) : t('cli.didYouMean', { name: suggestion[2] }));
    }
    return `error: ${message}\n`;
  }
  return text;
}
