// bagalau in Kazakh, Russian and English: the catalogues agree with each other and with the
// code, the language is chosen as a user expects (--lang, the locale, else Kazakh), the
// command line speaks it — headings, plurals, diagnostics, CSV — and the forms do not
// change with it (they print what the act prints, in Kazakh).
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { evaluate } from '../../src/engine/index.js';
import { planDocuments } from '../../src/forms/render.js';
import { renderForm } from '../../src/forms/templates.js';
import { formIds } from '../../src/forms/viewModels.js';
import {
  CATALOGUES,
  LANGUAGES,
  languageFromEnvironment,
  languageOfLocale,
  localText,
  selectLanguage,
  t,
  useLanguage,
  type MessageId,
} from '../../src/i18n/index.js';
import { loadEvaluationInput } from '../../src/input/loadEvaluationInput.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';
import { diagnosticCoverage, stateOf } from '../../scripts/i18n-coverage.js';
import { runCli } from '../helpers/cli.js';

const root = join(import.meta.dirname, '../..');
const ids = Object.keys(CATALOGUES.en) as MessageId[];

afterEach(() => useLanguage('en'));

/** `bagalau ...argv` in the environment `env` (none by default: no locale, no BAGALAU_LANG). */
function run(argv: string[], env: Record<string, string | undefined> = {}) {
  return runCli(argv, '2026-11-24', env);
}

/** The names of a message's {placeholders}, plural and select arguments included. */
function placeholders(message: string, language: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown[]) => {
    for (const node of nodes as { value?: unknown; options?: Record<string, { value: unknown[] }> }[]) {
      if (typeof node.value === 'string' && 'type' in node && (node as { type: number }).type !== 0) names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, language, undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'catalogues' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('the catalogues', () => {
  it('give every message id in every language, and no id the others lack', () => {
    for (const language of LANGUAGES) {
      const catalogue = CATALOGUES[language] as Record<string, string>;
      const missing = ids.filter((id) => typeof catalogue[id] !== 'string' || catalogue[id].trim() === '');
      const extra = Object.keys(catalogue).filter((id) => !(id in CATALOGUES.en));
      expect(missing, `${language} lacks`).toEqual([]);
      expect(extra, `${language} has ids English does not`).toEqual([]);
    }
  });

  it('have no id that no code uses', () => {
    const code = sourceFiles(join(root, 'src'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = ids.filter((id) => !code.includes(`'${id}'`));
    expect(unused).toEqual([]);
  });

  it('use the same placeholders in every language, and each message compiles', () => {
    for (const id of ids) {
      const english = placeholders(CATALOGUES.en[id], 'en');
      for (const language of ['kk', 'ru'] as const)
        expect(placeholders(CATALOGUES[language][id], language), `${language} ${id}`).toEqual(english);
    }
  });

  it('are Kazakh and Russian text, not English left in place', () => {
    // Words the same in every language: ids, codes, file names, flags, examples.
    const neutral = new Set<MessageId>(['list.head.id', 'basis.ofSource', 'schema.type.boolean', 'cases.workbook']);
    for (const id of ids.filter((id) => !neutral.has(id)))
      for (const language of ['kk', 'ru'] as const) expect(CATALOGUES[language][id], `${language} ${id}`).not.toBe(CATALOGUES.en[id]);
  });
});

describe('plurals', () => {
  it('has the one, few and many forms of Russian', () => {
    const findings = (errors: number, warnings: number) => t('summary.findings', { errors, warnings, notes: 0 }, 'ru');
    expect(findings(1, 1)).toBe('1 ошибка, 1 предупреждение, 0 замечаний');
    expect(findings(2, 3)).toBe('2 ошибки, 3 предупреждения, 0 замечаний');
    expect(findings(5, 11)).toBe('5 ошибок, 11 предупреждений, 0 замечаний');
    expect(findings(21, 22)).toBe('21 ошибка, 22 предупреждения, 0 замечаний');
  });

  it('says "1 error" and "2 errors" in English, and one form in Kazakh', () => {
    expect(t('summary.findings', { errors: 1, warnings: 2, notes: 1 }, 'en')).toBe('1 error, 2 warnings, 1 note');
    expect(t('summary.findings', { errors: 1, warnings: 2, notes: 5 }, 'kk')).toBe('1 қате, 2 ескерту, 5 ескертпе');
  });
});

describe('choosing the language', () => {
  it('reads the language of a POSIX locale', () => {
    expect(languageOfLocale('ru_KZ.UTF-8')).toBe('ru');
    expect(languageOfLocale('ru_RU.UTF-8')).toBe('ru');
    expect(languageOfLocale('kk_KZ')).toBe('kk');
    expect(languageOfLocale('en_US.UTF-8')).toBe('en');
    expect(languageOfLocale('C')).toBeUndefined();
    expect(languageOfLocale('C.UTF-8')).toBeUndefined();
    expect(languageOfLocale('POSIX')).toBeUndefined();
    expect(languageOfLocale('de_DE.UTF-8')).toBeUndefined();
  });

  it('takes LC_ALL, then LC_MESSAGES, then LANG, and Kazakh when they name no language it speaks', () => {
    expect(languageFromEnvironment({ LANG: 'ru_RU.UTF-8' })).toBe('ru');
    expect(languageFromEnvironment({ LC_ALL: 'en_US.UTF-8', LANG: 'ru_RU.UTF-8' })).toBe('en');
    expect(languageFromEnvironment({ LC_MESSAGES: 'en_GB.UTF-8', LANG: 'ru_RU.UTF-8' })).toBe('en');
    // The first variable set decides, as in C programs: LC_ALL=C means the C locale, whatever LANG says.
    expect(languageFromEnvironment({ LC_ALL: 'C', LANG: 'ru_RU.UTF-8' })).toBe('kk');
    expect(languageFromEnvironment({ LANG: 'C.UTF-8' })).toBe('kk');
    expect(languageFromEnvironment({ LANG: 'de_DE.UTF-8' })).toBe('kk');
    expect(languageFromEnvironment({})).toBe('kk');
    expect(languageFromEnvironment({ BAGALAU_LANG: 'ru', LC_ALL: 'en_US.UTF-8' })).toBe('ru');
  });

  it('lets --lang (either spelling) override the environment', () => {
    expect(selectLanguage(['lint', '--lang', 'ru', 'x.yaml'], { LANG: 'en_US.UTF-8' })).toBe('ru');
    expect(selectLanguage(['lint', '--lang=en', 'x.yaml'], { LANG: 'ru_RU.UTF-8' })).toBe('en');
    expect(selectLanguage(['lint', '--', '--lang', 'ru'], { LANG: 'en_US.UTF-8' })).toBe('en');
  });

  it('shows a methodology text in the language, else in Kazakh, else in English', () => {
    expect(localText({ kk: 'тікелей басшы', ru: 'непосредственный руководитель', en: 'direct manager' }, 'ru')).toBe(
      'непосредственный руководитель',
    );
    expect(localText({ kk: 'тікелей басшы', en: 'direct manager' }, 'ru')).toBe('тікелей басшы');
    expect(localText({ kk: 'тікелей басшы' }, 'en')).toBe('тікелей басшы');
  });
});

describe('the command line', () => {
  const broken = (name: string) => join(root, 'test/methodology/broken', `${name}.yaml`);

  it('speaks Russian with --lang ru: the diagnostic, its clause, what to do, and the count', async () => {
    const { code, err, out } = await run(['validate', '--lang', 'ru', broken('months-not-number')]);
    expect(code).toBe(1);
    expect(err).toContain(
      'months-not-number.yaml:10:13: error: eligibility › minimumTimeInPost › months: должно быть целое число, а указано "one" [schema.type]',
    );
    expect(err).toContain('    основание: пункт 5 (months-not-number)');
    expect(err).toContain('    что сделать: укажите здесь целое число');
    expect(out).toContain('months-not-number.yaml: НЕ корректна — 1 ошибка, 0 предупреждений, 0 замечаний');
  });

  it('picks Russian from LANG=ru_RU.UTF-8', async () => {
    const { out } = await run(['lint', broken('band-gap')], { LANG: 'ru_RU.UTF-8' });
    expect(out).toMatch(/band-gap\.yaml: \d+ ошиб(ка|ки|ок), \d+ предупрежден(ие|ия|ий), \d+ замечани(е|я|й)\n/);
  });

  it('speaks Kazakh when the environment names no language', async () => {
    const { code, err, out } = await run(['validate', broken('months-not-number')], { LANG: 'C.UTF-8' });
    expect(code).toBe(1);
    expect(err).toContain('eligibility › minimumTimeInPost › months бүтін сан болуы керек, бірақ мәні "one"');
    expect(err).toContain('    негіз: 5-тармақ (months-not-number)');
    expect(err).toContain('    не істеу керек: мұнда бүтін сан жазыңыз');
    expect(out).toContain('ЖАРАМСЫЗ — 1 қате, 0 ескерту, 0 ескертпе');
  });

  it('refuses a language it does not speak, naming the ones it does', async () => {
    const { code, err, out } = await run(['lint', '--lang', 'xx', broken('band-gap')], { LANG: 'ru_RU.UTF-8' });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('bagalau: --lang xx: такого языка bagalau не знает; выберите один из: kk, ru, en\n');
    const pinned = await run(['lint', broken('band-gap')], { BAGALAU_LANG: 'de' });
    expect(pinned.code).toBe(2);
    expect(pinned.err).toContain('BAGALAU_LANG=de');
  });

  it('prints the help in the language', async () => {
    const { out } = await run(['lint', '--help', '--lang', 'ru']);
    expect(out).toContain('Использование: bagalau lint');
    expect(out).toContain('Параметры:');
    expect(out).toContain('дата, на которую методика должна действовать');
    const kazakh = await run(['--help'], {});
    expect(kazakh.out).toContain('Командалар:');
    expect(kazakh.out).toContain('--lang <language>');
  });

  it("words commander's own errors in the language, and in English as commander does", async () => {
    const russian = await run(['lnt', '--lang', 'ru']);
    expect(russian.code).toBe(2);
    expect(russian.err).toContain("error: неизвестная команда 'lnt'\n(возможно, имелось в виду lint?)\n");
    const year = await run(['schedule', '--methodology', 'model-2025', '--lang', 'kk']);
    expect(year.err).toContain("error: міндетті '--year <yyyy>' опциясы көрсетілмеген\n");
    const english = await run(['lint', '--bogus', '--lang', 'en']);
    expect(english.err).toContain("error: unknown option '--bogus'\n");
  });

  it('lists the methodologies with Russian headings and titles', async () => {
    const { code, out } = await run(['list', '--lang', 'ru']);
    expect(code).toBe(0);
    expect(out).toContain('Действует с');
    expect(out).toMatch(/model-2018 +│ 2018-01-16 +│ 2025-07-31 +│ Типовая методика оценки деятельности/);
    expect(out).toMatch(/│ утратила силу с +│/);
  });

  it('prints the timetable in Russian: headings, quarters, weekdays, role titles, and the CSV header', async () => {
    const table = await run(['schedule', '--methodology', 'model-2025', '--year', '2026', '--lang', 'ru']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^График оценки: /);
    expect(table.out).toMatch(/Дата\s+День\s+Период\s+Срок\s+Ответственный\s+Кого касается\s+Основание/);
    // Deadline titles have no Russian text in the model: Kazakh, as the act writes them.
    expect(table.out).toMatch(
      /2026-04-20\s+пн\s+1 квартал 2026 г\.\s+Тоқсан қорытындысы бойынша бағалау.*непосредственный руководитель и руководитель структурного подразделения\/государственного органа\s+всех/,
    );
    const csv = await run(['schedule', '--methodology', 'model-2025', '--year', '2026', '--lang', 'ru', '--format', 'csv']);
    // the excel style by default: a BOM and ';' (Excel in Russian or Kazakh splits on it)
    expect(csv.out.split('\r\n')[0]).toBe(
      '\ufeffдата;день_недели;период;срок;название_kk;название_en;ответственный;кого_касается;правило;основание;проблема',
    );
    // Rules counted from the events of each case, in words: Russian plurals, Kazakh cases.
    const russian = await run(['schedule', '--methodology', 'model-2018', '--year', '2026', '--lang', 'ru']);
    expect(russian.out).toContain(': 2 рабочих дня после окончания оценки (пункт 12)');
    expect(russian.out).toContain(': 10 рабочих дней после подачи заявления (пункт 40)');
    expect(russian.out).toContain(': 5 рабочих дней после ознакомления с результатами оценки (пункт 13)');
    expect(russian.out).toContain(': 3 года после окончания оценки (пункт 15)');
    const kazakh = await run(['schedule', '--methodology', 'model-2018', '--year', '2026', '--lang', 'kk']);
    expect(kazakh.out).toContain(': бағалау аяқталғаннан кейін 2 жұмыс күні (12-тармақ)');
    const ics = await run(['schedule', '--methodology', 'model-2025', '--year', '2026', '--lang', 'kk', '--format', 'ics']);
    expect(ics.out.replace(/\r\n /g, '')).toContain('\\nЖауапты: тікелей басшы және құрылымдық бөлімшенің/мемлекеттік органның басшысы\\n');
  });

  it('evaluates in Russian: the table, the count, and the summary.csv header', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bagalau-i18n-'));
    const result = await run(['evaluate', join(root, 'examples/zhaiyq-akimat/evaluation-2026.yaml'), '--out', out, '--lang', 'ru']);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/Служащий\s+│ Категория │ 1 кв\./);
    expect(result.out).toContain('не оцен.');
    expect(result.out).toContain('  effective — Эффективно выполняет функциональные обязанности');
    expect(result.err).toContain('По методике zhaiyq-akimat-2025 за 2026 год оценено: 6 человек; 1 ошибка, 0 предупреждений');
    expect(result.err).toContain('служащий Z04, Q2, quarterly, поле quarters.Q2.quarterly.sheets.1.justifications');
    const summary = await run([
      'evaluate',
      join(root, 'examples/zhaiyq-akimat/evaluation-2026.yaml'),
      '--table',
      'summary',
      '--lang',
      'ru',
    ]);
    expect(summary.out).toMatch(
      / {2}метод +период +effective +proper +ОШИБКА +не оцен\. +не в должн\.\n {2}quarterly +1 кв\. +4 +1 +· +· +1\n/,
    );
    expect(summary.out).toMatch(/ {2}quarterly +год +4 +1 +· +1 +·\n/);
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\ufeffслужащий;ФИО;категория;период;метод;статус;правило;балл;оценка;калибровка;ошибки;предупреждения',
    );
  });
});

describe('the intake workbook', () => {
  it('is written with Russian words around it, and its sheets stay Kazakh', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bagalau-i18n-')), 'intake.xlsx');
    const { code, out: said } = await run(['template', '--methodology', 'model-2025', '--year', '2026', '--out', out, '--lang', 'ru']);
    expect(code).toBe(0);
    expect(said).toContain(`${out}: книга ввода по model-2025 за 2026 год — листы: Жалпы, Қызметшілер`);
    expect(said).toContain(`заполните книгу (как — сказано на листе «Нұсқаулық»), затем: bagalau evaluate ${out} --out results`);
  });
});

describe('the forms', () => {
  it('print the same pages whatever the language of the run', () => {
    const loaded = loadResolved(join(root, 'examples/baiterek-akimat/baiterek-akimat-2025.yaml'));
    if (!loaded.ok) throw new Error('cannot load the example');
    const m: Methodology = loaded.methodology;
    const input = loadEvaluationInput(join(root, 'examples/baiterek-akimat/evaluation-2026.yaml')).input!;
    const pages = () => {
      const results = evaluate(m, input, loadCalendar());
      return planDocuments(m, { forms: formIds(m), combined: false }, results, input)
        .slice(0, 40)
        .flatMap((d) => d.views.map(renderForm));
    };
    useLanguage('kk');
    const kazakh = pages();
    useLanguage('ru');
    const russian = pages();
    expect(kazakh.length).toBeGreaterThan(10);
    expect(russian).toEqual(kazakh);
  });
});

describe('the diagnostics', () => {
  it('translate every schema error, the input file errors and a duplicated id, and say how many codes are done', () => {
    const coverage = diagnosticCoverage();
    const state = (code: string) => stateOf(coverage.find((c) => c.code === code)!);
    for (const entry of coverage.filter((c) => c.code.startsWith('schema.'))) expect(stateOf(entry), entry.code).toBe('translated');
    expect(state('file.not-a-file')).toBe('translated');
    expect(state('input.duplicate-id')).not.toBe('english');
    // Each code a catalogue translates by its name is a code bagalau reports.
    const codes = new Set(coverage.map((c) => c.code));
    // (schema.limit is the words of minimum, maximum and their exclusive forms; input.methodologyUnusable no diagnostic's.)
    const named = ids.filter(
      (id) => /^(schema|file|input)\.[a-zA-Z-]+$/.test(id) && !['schema.limit', 'input.methodologyUnusable'].includes(id),
    );
    for (const id of named) expect(codes.has(id), id).toBe(true);
    expect(coverage.length).toBeGreaterThan(100);
  });
});
