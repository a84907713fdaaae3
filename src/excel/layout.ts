// The intake workbook's layout, made from the methodology: which sheets it has, their
// columns, their Kazakh (and Russian) titles, and the values each column allows. The
// template writer, the reader and the filler (an input → a filled workbook) all work from
// this one description, so they never disagree; nothing here names a method, a role or a
// criterion of a particular methodology: every one comes from the methodology's methods.
import { inForceOn } from '../engine/index.js';
import { t } from '../i18n/index.js';
import { describeBasis } from '../methodology/clause.js';
import type { Methodology } from '../methodology/index.js';

export type Quarter = 'Q1' | 'Q2' | 'Q3' | 'Q4';
export const QUARTERS: readonly Quarter[] = ['Q1', 'Q2', 'Q3', 'Q4'];

/** A text in Kazakh with its Russian. */
export interface Words {
  kk: string;
  ru?: string;
}

export type ColumnType = 'text' | 'id' | 'date' | 'number' | 'integer' | 'score' | 'choice' | 'boolean';

/** One value of a list: what is stored (`value`), what the list shows (`label`), what else is accepted. */
export interface Choice {
  value: string;
  label: string;
  aliases: string[];
}

export interface ChoiceList {
  /** Name of the list on the lists sheet (unique in the workbook). */
  name: string;
  items: Choice[];
  /** false: other values may be typed (the list only suggests). */
  strict: boolean;
  /** The clause that fixes the values. */
  clause?: string;
}

export interface ColumnSpec {
  /** The field it fills, written in the key row: the reader finds columns by it. */
  key: string;
  title: Words;
  type: ColumnType;
  required?: boolean;
  /** A title above a group of columns (merged over them in the first header row). */
  group?: Words;
  choices?: ChoiceList;
  /** A number's allowed range and decimals, with the clause that fixes them. */
  range?: { min: number; max?: number; precision?: number; clause?: string; what?: string };
  /** Dates: the years the template's validation accepts. */
  years?: { from: number; to: number };
  /** Values taken from another sheet's id column (a list validation pointing there). */
  refersTo?: 'people' | 'units';
  /** Shown for the person filling it in; not read. */
  info?: boolean;
  /** A note on the header cell (kk, ru). */
  note?: Words;
  width?: number;
}

export type SheetKind =
  'general' | 'people' | 'units' | 'absences' | 'signatories' | 'workPlan' | 'parameters' | 'kpi' | 'survey' | 'calibration';

export interface SheetSpec {
  kind: SheetKind;
  name: string;
  /** Shown in the first row. */
  title: Words;
  columns: ColumnSpec[];
  methodId?: string;
  period?: Quarter | 'year';
  methodology?: Methodology;
  questionnaireId?: string;
  /** Kind parameters: one row per evaluator (sheets of the input) rather than one per person. */
  perEvaluator?: boolean;
}

export interface IntakeLayout {
  year: number;
  methodologies: Methodology[];
  /** The methodology of each period (the one in force on its last day). */
  periodMethodology: Record<Quarter | 'year', Methodology>;
  sheets: SheetSpec[];
  /** Periods whose methodology is not in force on their last day. */
  outOfForce: (Quarter | 'year')[];
}

/** Rows above the data: the title (or group titles), the column titles, the keys. */
export const HEADER_ROWS = 3;
export const KEY_ROW = 3;
export const FIRST_DATA_ROW = HEADER_ROWS + 1;
/** The format of the workbook, written in its properties. */
export const INTAKE_FORMAT = 'bagalau-intake/1';

export const SHEET_NAMES = {
  readMe: 'Нұсқаулық',
  general: 'Жалпы',
  people: 'Қызметшілер',
  units: 'Бөлімшелер',
  absences: 'Болмаған кезеңдер',
  signatories: 'Қол қоюшылар',
  calibration: 'Калибрлеу',
  lists: 'Тізімдер',
} as const;

const words = (kk: string, ru?: string): Words => ({ kk, ru });

const quarterWords = (q: Quarter): Words => words(`${q.slice(1)}-тоқсан`, `${q.slice(1)} квартал`);

/** The methodology in force on `date`: of those in force, the one that entered into force last; else the latest. */
export function methodologyOn(methodologies: Methodology[], date: string): { methodology: Methodology; inForce: boolean } {
  const byStart = [...methodologies].sort((a, b) => (a.inForce.from < b.inForce.from ? 1 : -1));
  const inForce = byStart.find((m) => inForceOn(m, date));
  return inForce ? { methodology: inForce, inForce: true } : { methodology: byStart[0], inForce: false };
}

const quarterEnd = (year: number, q: Quarter) => {
  const month = QUARTERS.indexOf(q) * 3 + 3;
  return `${year}-${String(month).padStart(2, '0')}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** A sheet name Excel accepts (≤ 31 characters, none of []:*?/\), unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const clean =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = clean;
  for (let n = 2; [...taken].some((t) => t.toLowerCase() === name.toLowerCase()); n++)
    name = `${clean.slice(0, 31 - String(n).length - 1)}~${n}`;
  taken.add(name);
  return name;
}

const text = (key: string, title: Words, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ key, title, type: 'text', ...extra });
const date = (key: string, title: Words, years: { from: number; to: number }, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  title,
  type: 'date',
  years,
  ...extra,
});

function choiceItems<T>(
  entries: [string, T][],
  label: (t: T) => { kk: string; ru?: string; en?: string },
  extra: (id: string, t: T) => string[] = () => [],
): Choice[] {
  return entries.map(([id, entry]) => {
    const l = label(entry);
    return { value: id, label: l.kk, aliases: [id, l.kk, l.ru, l.en, ...extra(id, entry)].filter((a): a is string => !!a) };
  });
}

const yesNo: ChoiceList = {
  name: 'yesNo',
  strict: true,
  items: [
    { value: 'true', label: 'иә', aliases: ['иә', 'да', 'yes', 'true'] },
    { value: 'false', label: 'жоқ', aliases: ['жоқ', 'нет', 'no', 'false'] },
  ],
};

/** Builds the layout of the intake workbook of `year` under the methodologies (several in the year of a change). */
export function intakeLayout(methodologies: Methodology[], year: number): IntakeLayout {
  if (methodologies.length === 0) throw new Error('an intake workbook needs a methodology');
  const latest = [...methodologies].sort((a, b) => (a.inForce.from < b.inForce.from ? 1 : -1))[0];
  const outOfForce: (Quarter | 'year')[] = [];
  const periodMethodology = {} as Record<Quarter | 'year', Methodology>;
  for (const q of QUARTERS) {
    const on = methodologyOn(methodologies, quarterEnd(year, q));
    periodMethodology[q] = on.methodology;
    if (!on.inForce) outOfForce.push(q);
  }
  const yearOn = methodologyOn(methodologies, `${year}-12-31`);
  periodMethodology.year = yearOn.methodology;
  if (!yearOn.inForce) outOfForce.push('year');

  const taken = new Set<string>([SHEET_NAMES.readMe, SHEET_NAMES.lists]);
  const sheets: SheetSpec[] = [];
  const recent = { from: year - 1, to: year + 1 };
  const anyYear = { from: 1950, to: year + 1 };

  // Lists every sheet shares.
  const positionItems: Choice[] = [];
  let openCategories = false;
  const categoryClauses: string[] = [];
  for (const m of methodologies) {
    for (const category of Object.values(m.categories)) {
      for (const pc of category.positionCategories ?? [])
        if (!positionItems.some((c) => c.value === pc)) positionItems.push({ value: pc, label: pc, aliases: [pc] });
      if (category.allOtherPositions) openCategories = true;
      categoryClauses.push(describeBasis(category.basis));
    }
  }
  const positionList: ChoiceList = {
    name: 'positionCategories',
    items: positionItems,
    strict: !openCategories,
    clause: [...new Set(categoryClauses)].join('; '),
  };
  const absenceEntries: [string, { title: { kk: string; ru?: string; en?: string } }][] = [];
  for (const m of methodologies)
    for (const [id, kind] of Object.entries(m.eligibility.absence.kinds))
      if (!absenceEntries.some(([k]) => k === id)) absenceEntries.push([id, kind]);
  const absenceList: ChoiceList = {
    name: 'absenceKinds',
    items: choiceItems(absenceEntries, (k) => k.title),
    strict: true,
    clause: describeBasis(latest.eligibility.absence.basis),
  };

  const personColumns = (): ColumnSpec[] => [
    { key: 'person', title: words('Қызметшінің коды', 'Код служащего'), type: 'id', required: true, refersTo: 'people', width: 14 },
    text('name', words('Т.А.Ә. (анықтама үшін)', 'Ф.И.О. (для справки)'), { info: true, width: 30 }),
  ];

  sheets.push({
    kind: 'general',
    name: sheetName(SHEET_NAMES.general, taken),
    title: words('Жалпы мәліметтер', 'Общие сведения'),
    columns: [
      text('key', words('Кілт', 'Ключ'), { width: 22 }),
      text('title', words('Не жазылады', 'Что указывается'), { info: true, width: 50 }),
      text('value', words('Мәні', 'Значение'), { width: 60 }),
    ],
  });
  sheets.push({
    kind: 'people',
    name: sheetName(SHEET_NAMES.people, taken),
    title: words('Бағаланатын қызметшілер', 'Оцениваемые служащие'),
    columns: [
      {
        key: 'id',
        title: words('Коды', 'Код'),
        type: 'id',
        required: true,
        width: 14,
        note: words(
          'Әр қызметшінің бірегей коды (мысалы, табельдік нөмірі): әріптер, цифрлар, ".", "_" немесе "-".',
          'Уникальный код каждого служащего (например, табельный номер): буквы, цифры, ".", "_" или "-".',
        ),
      },
      text('name', words('Т.А.Ә.', 'Ф.И.О.'), { required: true, width: 34 }),
      text('position', words('Лауазымы', 'Должность'), { width: 30 }),
      {
        key: 'positionCategory',
        title: words('Лауазым санаты', 'Категория должности'),
        type: 'choice',
        required: true,
        choices: positionList,
        width: 16,
        note: words('Мысалы: D-3, C-O-5, E-2 (латын әріптерімен).', 'Например: D-3, C-O-5, E-2 (латинскими буквами).'),
      },
      {
        key: 'unit',
        title: words('Құрылымдық бөлімшенің коды', 'Код структурного подразделения'),
        type: 'id',
        refersTo: 'units',
        width: 18,
      },
      date('appointedOn', words('Лауазымға тағайындалған күні', 'Дата назначения на должность'), anyYear, { required: true }),
      date('leftOn', words('Органнан шыққан күні', 'Дата увольнения (перевода)'), anyYear),
    ],
  });
  sheets.push({
    kind: 'units',
    name: sheetName(SHEET_NAMES.units, taken),
    title: words('Құрылымдық бөлімшелер', 'Структурные подразделения'),
    columns: [
      { key: 'id', title: words('Бөлімше коды', 'Код подразделения'), type: 'id', required: true, width: 16 },
      text('name', words('Бөлімшенің атауы', 'Наименование подразделения'), { required: true, width: 44 }),
      {
        key: 'corpsBServants',
        title: words('"Б" корпусы қызметшілерінің саны', 'Число служащих корпуса "Б"'),
        type: 'integer',
        range: { min: 0 },
        width: 18,
      },
    ],
  });
  sheets.push({
    kind: 'absences',
    name: sheetName(SHEET_NAMES.absences, taken),
    title: words('Демалыс, іссапар, оқу және басқа болмаған кезеңдер', 'Отпуска, командировки, обучение и иные периоды отсутствия'),
    columns: [
      ...personColumns(),
      { key: 'kind', title: words('Түрі', 'Вид'), type: 'choice', required: true, choices: absenceList, width: 34 },
      date('from', words('Басталған күні', 'Дата начала'), recent, { required: true }),
      date('to', words('Аяқталған күні', 'Дата окончания'), recent, { required: true }),
    ],
  });
  const roleEntries = new Map<string, { title: { kk: string; ru?: string; en?: string } }>();
  for (const m of methodologies) for (const [id, role] of Object.entries(m.roles)) if (!roleEntries.has(id)) roleEntries.set(id, role);
  sheets.push({
    kind: 'signatories',
    name: sheetName(SHEET_NAMES.signatories, taken),
    title: words('Бағаламай қол қоятындар (мысалы, кадр қызметі)', 'Подписывающие без оценки (например, кадровая служба)'),
    columns: [
      {
        key: 'role',
        title: words('Рөл коды', 'Код роли'),
        type: 'choice',
        required: true,
        choices: { name: 'roles', items: choiceItems([...roleEntries], (r) => r.title), strict: true },
        width: 22,
      },
      text('roleTitle', words('Рөл', 'Роль'), { info: true, width: 50 }),
      text('name', words('Т.А.Ә.', 'Ф.И.О.'), { width: 34 }),
      text('position', words('Лауазымы', 'Должность'), { width: 34 }),
    ],
  });

  // The individual work plan of each KPI method.
  const kpiMethods = new Map<string, Methodology>();
  for (const m of methodologies)
    for (const [id, method] of Object.entries(m.methods)) if (method.kind === 'kpi' && !kpiMethods.has(id)) kpiMethods.set(id, m);
  for (const [methodId, m] of kpiMethods) {
    const method = m.methods[methodId];
    sheets.push({
      kind: 'workPlan',
      name: sheetName(`Жұмыс жоспары ${methodId}`, taken),
      methodId,
      methodology: m,
      title: words(`Жеке жұмыс жоспары — ${method.title.kk}`, `Индивидуальный план работы — ${method.title.ru ?? method.title.kk}`),
      columns: [
        ...personColumns(),
        {
          key: 'kpi',
          title: words('НМИ коды', 'Код ЦИ'),
          type: 'id',
          required: true,
          width: 10,
          note: words(
            'Қызметшінің әр НМИ-не өз коды (K1, K2, …); тоқсан парақтарында осы код жазылады.',
            'Свой код каждому ЦИ служащего (K1, K2, …); на листах кварталов указывается этот код.',
          ),
        },
        text('kpiName', words('НМИ атауы', 'Наименование ЦИ'), { required: true, width: 40 }),
        text('source', words('Қай құжаттан туындайды', 'Из какого документа вытекает'), { width: 30 }),
        text('unit', words('Өлшем бірлігі', 'Единица измерения'), { width: 12 }),
        { key: 'lowerIsBetter', title: words('Аз мәні жақсы', 'Меньшее значение лучше'), type: 'boolean', choices: yesNo, width: 12 },
        ...QUARTERS.map((q): ColumnSpec => ({
          key: `plan.${q}`,
          title: words(`Жоспар, ${quarterWords(q).kk}`, `План, ${quarterWords(q).ru}`),
          type: 'number',
          width: 12,
        })),
        ...QUARTERS.map((q) => date(`deadline.${q}`, words(`Мерзімі, ${quarterWords(q).kk}`, `Срок, ${quarterWords(q).ru}`), recent)),
        text('expectedResult', words('Түйінді нәтиже', 'Ключевой результат'), { width: 30 }),
        date('approvedOn', words('Жоспар бекітілген күні', 'Дата утверждения плана'), recent, {
          note: words('Қызметшінің бір жолында ғана жазылады.', 'Указывается в одной строке служащего.'),
        }),
        text('approvedBy', words('Бекіткен (Т.А.Ә.)', 'Утвердил (Ф.И.О.)'), { width: 30 }),
        date('postedOn', words('Ақпараттық жүйеге орналастырылған күні', 'Дата размещения в информационной системе'), recent),
      ],
    });
  }

  // One sheet per quarterly method and quarter, of the methodology in force then.
  for (const q of QUARTERS) {
    const m = periodMethodology[q];
    for (const [methodId, method] of Object.entries(m.methods)) {
      if (method.period !== 'quarter') continue;
      const title = words(
        `${method.title.kk} — ${year} ж. ${quarterWords(q).kk}`,
        `${method.title.ru ?? method.title.kk} — ${quarterWords(q).ru} ${year} г.`,
      );
      const name = sheetName(`${q} ${methodId}`, taken);
      const quarterDates: ColumnSpec[] = [
        date('communicatedOn', words('Нәтижелермен таныстырылған күні', 'Дата ознакомления с результатами'), recent),
        ...(method.notification?.length
          ? [date('notifiedOn', words('Бағалау туралы хабардар етілген күні', 'Дата уведомления об оценке'), recent)]
          : []),
      ];
      if (method.kind === 'parameters' && method.sheet) {
        const settings = method.sheet;
        const scale = {
          min: settings.scale.min,
          max: settings.scale.max,
          precision: m.scores.precision,
          clause: describeBasis(settings.scale.basis),
          what: t('intake.precision.sheetScale'),
        };
        const perParameter = settings.justification.perParameter === true;
        const parameterColumns = Object.entries(settings.parameters).flatMap(([id, p]): ColumnSpec[] => [
          {
            key: `scores.${id}`,
            title: words(`${p.title.kk} (балл)`, p.title.ru ? `${p.title.ru} (балл)` : undefined),
            type: 'score',
            range: scale,
            width: 14,
            group: p.title,
            note: words(p.criteria.kk, p.criteria.ru),
          },
          // The annex's sheet has a justification beside each score; where one for the whole sheet is enough, these may stay empty.
          text(`justifications.${id}`, words(`Негіздеме: ${p.title.kk}`, p.title.ru ? `Обоснование: ${p.title.ru}` : undefined), {
            width: 30,
            group: p.title,
          }),
        ]);
        const justification = perParameter ? [] : [text('justification', words('Негіздеме', 'Обоснование'), { width: 40 })];
        const evaluators = method.evaluators;
        const perEvaluator =
          !!evaluators &&
          (evaluators.roles.length > 1 ||
            evaluators.combine !== 'single' ||
            Object.keys(evaluators.delegations ?? {}).length > 0 ||
            !!evaluators.substitute);
        if (perEvaluator) {
          const roleItems = choiceItems(
            evaluators.roles.map((r) => [r, m.roles[r]] as [string, { title: Words & { en?: string } }]),
            (r) => r?.title ?? { kk: '' },
          );
          const delegateIds = [
            ...new Set([
              ...Object.values(evaluators.delegations ?? {}).map((d) => d.to),
              ...(evaluators.substitute ? [evaluators.substitute] : []),
            ]),
          ];
          sheets.push({
            kind: 'parameters',
            name,
            title,
            methodId,
            period: q,
            methodology: m,
            perEvaluator: true,
            columns: [
              ...personColumns(),
              {
                key: 'role',
                title: words('Бағалаушының рөлі', 'Роль оценивающего'),
                type: 'choice',
                required: true,
                choices: { name: `roles.${methodId}`, items: roleItems, strict: true, clause: describeBasis(evaluators.basis) },
                width: 30,
              },
              text('evaluator', words('Бағалаушы (Т.А.Ә.)', 'Оценивающий (Ф.И.О.)'), { width: 30 }),
              ...(delegateIds.length
                ? [
                    {
                      key: 'delegatedTo',
                      title: words('Бағалаған (берілген рөл)', 'Оценил (роль, которой передано)'),
                      type: 'choice' as const,
                      width: 26,
                      choices: {
                        name: `delegates.${methodId}`,
                        items: choiceItems(
                          delegateIds.map((r) => [r, m.roles[r]] as [string, { title: Words & { en?: string } }]),
                          (r) => r?.title ?? { kk: '' },
                        ),
                        strict: true,
                        clause: describeBasis(evaluators.basis),
                      },
                      note: words(
                        'Бағалаушының орнына басқа адам бағаласа ғана толтырылады.',
                        'Заполняется, только если вместо оценивающего оценивал другой.',
                      ),
                    },
                    text('actingFor', words('Кімнің орнына (Т.А.Ә.)', 'Вместо кого (Ф.И.О.)'), { width: 28 }),
                  ]
                : []),
              date('evaluatedOn', words('Бағалау күні', 'Дата оценки'), recent),
              ...parameterColumns,
              ...justification,
              ...quarterDates,
            ],
          });
        } else {
          sheets.push({
            kind: 'parameters',
            name,
            title,
            methodId,
            period: q,
            methodology: m,
            perEvaluator: false,
            columns: [
              ...personColumns(),
              text('evaluator', words('Бағалаушы (Т.А.Ә.)', 'Оценивающий (Ф.И.О.)'), { width: 30 }),
              ...(settings.delegation?.allowed
                ? [
                    text('delegatedBy', words('Бағалауды тапсырған (Т.А.Ә.)', 'Поручил оценку (Ф.И.О.)'), {
                      width: 28,
                      note: words(
                        `${settings.delegation.unitSizeAbove ?? ''} қызметшіден көп бөлімшеде ғана.`,
                        `Только в подразделении более ${settings.delegation.unitSizeAbove ?? ''} служащих.`,
                      ),
                    }),
                  ]
                : []),
              date('evaluatedOn', words('Бағалау күні', 'Дата оценки'), recent),
              ...parameterColumns,
              ...justification,
              ...quarterDates,
            ],
          });
        }
      } else if (method.kind === 'kpi' && method.kpi) {
        const settings = method.kpi;
        sheets.push({
          kind: 'kpi',
          name,
          title,
          methodId,
          period: q,
          methodology: m,
          columns: [
            ...personColumns(),
            {
              key: 'kpi',
              title: words('НМИ коды', 'Код ЦИ'),
              type: 'id',
              width: 10,
              note: words('Жұмыс жоспарындағы НМИ коды; әр НМИ жеке жолда.', 'Код ЦИ из плана работы; каждый ЦИ в отдельной строке.'),
            },
            text('kpiName', words('НМИ атауы (анықтама үшін)', 'Наименование ЦИ (для справки)'), { info: true, width: 36 }),
            { key: 'actual', title: words('Нақты мәні', 'Фактическое значение'), type: 'number', width: 12 },
            {
              key: 'score',
              title: words('Баға', 'Оценка'),
              type: 'score',
              width: 10,
              range: {
                min: settings.scale.min,
                max: settings.scale.max,
                precision: settings.scoreTable.precision,
                clause: describeBasis(settings.scale.basis),
                what: t('intake.precision.kpiScale'),
              },
            },
            text('evaluator', words('Бағалаушы (Т.А.Ә.)', 'Оценивающий (Ф.И.О.)'), { width: 30 }),
            date('evaluatedOn', words('Бағалау күні', 'Дата оценки'), recent),
            ...(settings.workPlan?.actualsDeadline
              ? [
                  date(
                    'actualsSentOn',
                    words('Нақты мәндер бағалаушыға жіберілген күні', 'Дата направления фактических значений оценивающему'),
                    recent,
                  ),
                ]
              : []),
            ...quarterDates,
          ],
        });
      }
    }
  }

  // One sheet per yearly survey method and questionnaire: the anonymous responses.
  const m = periodMethodology.year;
  for (const [methodId, method] of Object.entries(m.methods)) {
    if (method.period !== 'year' || method.kind !== 'survey' || !method.survey) continue;
    const survey = method.survey;
    const used = Object.values(m.categories)
      .filter((c) => c.methods.includes(methodId))
      .map((c) => c.questionnaire ?? Object.keys(survey.questionnaires)[0]);
    const questionnaireIds = Object.keys(survey.questionnaires).filter((id) => used.includes(id));
    const answerItems = choiceItems(
      Object.entries(survey.answers),
      (a) => a.label,
      (_, a) => (Object.values(survey.answers).filter((b) => b.points === a.points).length === 1 ? [String(a.points)] : []),
    );
    for (const questionnaireId of questionnaireIds) {
      const questionnaire = survey.questionnaires[questionnaireId];
      const answers: ChoiceList = {
        name: `answers.${methodId}`,
        items: answerItems,
        strict: true,
        clause: describeBasis(survey.answersBasis ?? survey.basis),
      };
      sheets.push({
        kind: 'survey',
        name: sheetName(questionnaireIds.length > 1 ? `${methodId} ${questionnaireId}` : methodId, taken),
        methodId,
        period: 'year',
        methodology: m,
        questionnaireId,
        title: words(
          `${questionnaire.title.kk} — ${year} ж. (жасырын: респонденттің аты жазылмайды)`,
          `${questionnaire.title.ru ?? questionnaire.title.kk} — ${year} г. (анонимно: имя респондента не указывается)`,
        ),
        columns: [
          ...personColumns(),
          {
            key: 'group',
            title: words('Респонденттер тобы', 'Группа респондентов'),
            type: 'choice',
            required: true,
            width: 26,
            choices: {
              name: `groups.${methodId}`,
              items: choiceItems(Object.entries(survey.respondentGroups), (g) => g.title),
              strict: true,
              clause: describeBasis(survey.respondents.basis),
            },
          },
          ...Object.entries(questionnaire.competencies).flatMap(([competencyId, competency]) =>
            Object.entries(competency.indicators).map(([statementId, statement]): ColumnSpec => ({
              key: `answers.${competencyId}.${statementId}`,
              title: words(statement.text.kk, statement.text.ru),
              type: 'choice',
              choices: answers,
              group: competency.title,
              width: 24,
            })),
          ),
          date('evaluatedOn', words('Нәтиже есептелген күні', 'Дата расчета результата'), recent),
          date('communicatedOn', words('Нәтижелермен таныстырылған күні', 'Дата ознакомления с результатами'), recent),
        ],
      });
    }
  }

  // Calibration: one row per member of the session, the case on each of its rows.
  const methodItems: Choice[] = [];
  for (const mm of methodologies)
    for (const [id, method] of Object.entries(mm.methods))
      if (!methodItems.some((c) => c.value === id))
        methodItems.push({
          value: id,
          label: id,
          aliases: [id, method.title.kk, method.title.ru, method.title.en].filter((a): a is string => !!a),
        });
  const periodItems: Choice[] = [
    ...QUARTERS.map((q) => ({ value: q, label: q, aliases: [q, quarterWords(q).kk, quarterWords(q).ru!] })),
    { value: 'year', label: 'year', aliases: ['year', 'жыл', 'год'] },
  ];
  const proposalRange = {
    min: latest.scores.min,
    max: latest.scores.max,
    precision: latest.scores.precision,
    clause: describeBasis(latest.scores.basis),
    what: t('intake.precision.scores'),
  };
  sheets.push({
    kind: 'calibration',
    name: sheetName(SHEET_NAMES.calibration, taken),
    title: words('Калибрлеу сессиялары: сессия мүшесіне бір жол', 'Калибровочные сессии: по строке на члена сессии'),
    columns: [
      ...personColumns(),
      {
        key: 'period',
        title: words('Кезең', 'Период'),
        type: 'choice',
        required: true,
        choices: { name: 'periods', items: periodItems, strict: true },
        width: 10,
      },
      {
        key: 'method',
        title: words('Бағалау әдісі', 'Метод оценки'),
        type: 'choice',
        required: true,
        choices: { name: 'methods', items: methodItems, strict: true },
        width: 18,
      },
      date('appliedOn', words('Өтініш түскен күні', 'Дата поступления заявления'), recent, { required: true }),
      { key: 'admittedLate', title: words('Мерзімінен кеш қабылданды', 'Принято после срока'), type: 'boolean', choices: yesNo, width: 12 },
      date('decidedOn', words('Шешім қабылданған күні', 'Дата решения о проведении'), recent),
      date('sessionOn', words('Сессия өткізілген күні', 'Дата проведения сессии'), recent),
      date('protocolSignedOn', words('Хаттамаға қол қойылған күні', 'Дата подписания протокола'), recent),
      date('protocolPostedOn', words('Хаттама орналастырылған күні', 'Дата размещения протокола'), recent),
      text('chair', words('Төраға (Т.А.Ә.)', 'Председатель (Ф.И.О.)'), { width: 28 }),
      text('member', words('Мүше (Т.А.Ә.)', 'Член сессии (Ф.И.О.)'), { required: true, width: 28 }),
      text('memberPosition', words('Мүшенің лауазымы', 'Должность члена'), { width: 28 }),
      {
        key: 'proposal',
        title: words('Ұсынылған баға', 'Предложенная оценка'),
        type: 'score',
        required: true,
        range: proposalRange,
        width: 12,
      },
    ],
  });

  return { year, methodologies, periodMethodology, sheets, outOfForce };
}

/** The rows of the General sheet: key, title, and whether the reader requires it. */
export const GENERAL_ROWS: { key: string; title: Words }[] = [
  { key: 'body', title: words('Мемлекеттік органның атауы', 'Наименование государственного органа') },
  { key: 'year', title: words('Бағаланатын жыл', 'Оцениваемый год') },
  {
    key: 'methodology',
    title: words(
      'Әдістеме (коды немесе файлы; өзгерген жылы — үтір арқылы бірнешеуі)',
      'Методика (код или файл; в год смены — несколько через запятую)',
    ),
  },
  {
    key: 'quarters',
    title: words(
      'Бағаланатын тоқсандар (бос болса — деректері бар барлық тоқсан), мысалы: Q1, Q2, Q3',
      'Оцениваемые кварталы (пусто — все кварталы с данными), например: Q1, Q2, Q3',
    ),
  },
  { key: 'yearResultsFormedOn', title: words('Жылдық нәтижелер қалыптастырылған күні', 'Дата формирования годовых результатов') },
];
