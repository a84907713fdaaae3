// How figures, dates and periods are written on the forms: Kazakh conventions (decimal
// comma, dd.mm.yyyy, "2023 жылғы 3-тоқсан"). Pure functions, no I/O.

/** 4.43 → "4,43"; 96 → "96"; 88.889 → "88,89". Undefined → "". */
export function kzNumber(value: number | undefined, decimals = 2, fixed = false): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '';
  const text = fixed ? value.toFixed(decimals) : String(Number(value.toFixed(decimals)));
  return text.replace('.', ',');
}

/** A score always with two decimals, as the bands print them: 4 → "4,00". */
export const kzScore = (value: number | undefined) => kzNumber(value, 2, true);

/** "2023-10-09" → "09.10.2023". */
export function kzDate(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

export const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
export type Quarter = (typeof QUARTERS)[number];

/** "Q3" → "3-тоқсан". */
export const quarterLabel = (q: string) => `${q.replace(/^Q/, '')}-тоқсан`;

/** (2023, "Q3") → "2023 жылғы 3-тоқсан"; (2023, "year") → "2023 жыл". */
export function periodLabel(year: number, period: string): string {
  return period === 'year' ? `${year} жыл` : `${year} жылғы ${quarterLabel(period)}`;
}

/** The period in file names: "2023" or "2023-Q3". */
export const periodSlug = (year: number, period: string) => (period === 'year' ? `${year}` : `${year}-${period}`);

/** First letter upper-case (Kazakh role titles are stored lower-case). */
export const capitalise = (text: string) => (text ? text[0].toLocaleUpperCase('kk') + text.slice(1) : text);
export const uncapitalise = (text: string) => (text ? text[0].toLocaleLowerCase('kk') + text.slice(1) : text);

/** "Сейітқали Ержан Болатұлы" → "Сейітқали Е.Б." (тегі, бас әріптер). */
export function surnameInitials(fullName: string | undefined): string {
  if (!fullName) return '';
  const [surname, ...rest] = fullName.trim().split(/\s+/);
  return [surname, rest.map((w) => `${w[0]}.`).join('')].filter(Boolean).join(' ');
}

/** The ablative suffix of a small number, as in "1-ден 5 баллға дейін". */
export function fromNumber(n: number): string {
  const last = Math.abs(n) % 10;
  const suffix =
    n === 0
      ? 'ден'
      : n % 100 === 10 || last === 6 || last === 9
        ? 'дан'
        : last === 3 || last === 4 || last === 5
          ? 'тен'
          : last === 0
            ? 'нан'
            : 'ден';
  return `${n}-${suffix}`;
}

/** A basis in Kazakh, as a form cites it: "әдістеменің 7-тармағы", "6-тармағының 2-абзацы"; "" without a clause. */
export function kzClause(basis: { clause?: string; paragraph?: number; subclause?: number } | undefined): string {
  if (!basis?.clause) return '';
  if (basis.subclause) return `әдістеменің ${basis.clause}-тармағының ${basis.subclause}) тармақшасы`;
  if (basis.paragraph) return `әдістеменің ${basis.clause}-тармағының ${basis.paragraph}-абзацы`;
  return `әдістеменің ${basis.clause}-тармағы`;
}
