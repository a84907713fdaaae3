// Which language bagalau speaks: --lang, else BAGALAU_LANG, else the POSIX locale
// (LC_ALL, then LC_MESSAGES, then LANG: the first one set decides, as in C programs),
// else Kazakh. A locale names its language first: ru_KZ.UTF-8 → ru, kk_KZ → kk.

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'kk';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language of a POSIX locale name ("ru_RU.UTF-8", "kk_KZ@cyrillic", "en"), if bagalau speaks it. */
export function languageOfLocale(locale: string): Language | undefined {
  const language = /^([A-Za-z]{2,3})(?:[_.@-]|$)/.exec(locale.trim())?.[1]?.toLowerCase();
  return isLanguage(language) ? language : undefined;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Where the language of a run came from, for the error of a value bagalau does not speak. */
export type LanguageSource = '--lang' | 'BAGALAU_LANG';

export class UnknownLanguageError extends Error {
  constructor(
    readonly value: string,
    readonly source: LanguageSource,
  ) {
    super(`${source} ${JSON.stringify(value)} is not a language bagalau speaks`);
  }
}

/**
 * The language of the environment. BAGALAU_LANG (kk, ru or en) is for machines where the
 * locale cannot say it (Windows sets no LANG) and for the tests, which pin it.
 */
export function languageFromEnvironment(env: Environment): Language {
  const pinned = env.BAGALAU_LANG;
  if (pinned) {
    if (!isLanguage(pinned)) throw new UnknownLanguageError(pinned, 'BAGALAU_LANG');
    return pinned;
  }
  // POSIX: LC_ALL overrides LC_MESSAGES, which overrides LANG; "C" and "POSIX" name no language.
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  return (locale && languageOfLocale(locale)) || DEFAULT_LANGUAGE;
}

/** The value of --lang on a command line (`--lang ru` or `--lang=ru`), before commander parses it. */
export function languageOption(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--') break;
    if (argv[k] === '--lang' && k + 1 < argv.length) found = argv[++k];
    else if (argv[k].startsWith('--lang=')) found = argv[k].slice('--lang='.length);
  }
  return found;
}

/** The language of a run: --lang, then the environment. */
export function selectLanguage(argv: readonly string[], env: Environment): Language {
  const given = languageOption(argv);
  if (given !== undefined) {
    if (!isLanguage(given)) throw new UnknownLanguageError(given, '--lang');
    return given;
  }
  return languageFromEnvironment(env);
}
