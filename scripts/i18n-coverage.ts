// Which diagnostic codes speak the user's language: every code bagalau can report, found in
// its sources, and whether each place that makes it takes its words from the catalogue.
//   npx tsx scripts/i18n-coverage.ts          the figures and the codes still in English
//   npx tsx scripts/i18n-coverage.ts --all    every code with its places
// A code is translated when every place that reports it writes t(…); partly, when some do.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface CodeCoverage {
  code: string;
  /** Places (file:line) that report it, and whether each one's message comes from the catalogue. */
  sites: { at: string; translated: boolean }[];
}

export type CoverageState = 'translated' | 'partly' | 'english';

export function stateOf(entry: CodeCoverage): CoverageState {
  const translated = entry.sites.filter((s) => s.translated).length;
  return translated === entry.sites.length ? 'translated' : translated > 0 ? 'partly' : 'english';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.generated.ts') ? [path] : [];
  });
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/**
 * The text that makes a diagnostic's message, from where its code is written: up to its
 * hint, or to the end of its object literal (a line that starts with "}") or of the call
 * (problem(code, message, …)). A t( in it is a message from the catalogue.
 */
function messageAfter(text: string, index: number): string {
  const rest = text.slice(index, index + 600);
  const end = rest.search(/\bhint\b|\n\s*\)|\n\s*\}/);
  return end === -1 ? rest : rest.slice(0, end);
}

export function diagnosticCoverage(): CodeCoverage[] {
  const codes = new Map<string, CodeCoverage>();
  const add = (code: string, at: string, translated: boolean) => {
    const entry = codes.get(code) ?? { code, sites: [] };
    entry.sites.push({ at, translated });
    codes.set(code, entry);
  };
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const where = (index: number) => `${relative(root, file)}:${lineOf(text, index)}`;
    const uses = (index: number) => /\bt\(/.test(messageAfter(text, index));
    // { code: 'family.name', message: … } and problem('family.name', message, …)
    for (const m of text.matchAll(/\bcode: ['"]([a-z0-9]+\.[a-z0-9-]+)['"]/g)) add(m[1], where(m.index), uses(m.index));
    // … problem('family.name', message, …) and refuse('family.name', message, hint) (the input's file checks)
    for (const m of text.matchAll(/\b(?:problem|refuse)\(\s*['"]([a-z0-9]+\.[a-zA-Z0-9-]+)['"]/g)) add(m[1], where(m.index), uses(m.index));
    // Lint rules: finding(context, 'rule', …) reports lint.rule.
    for (const m of text.matchAll(/\bfinding\(\s*\w+,\s*['"]([a-z0-9-]+)['"]/g)) add(`lint.${m[1]}`, where(m.index), uses(m.index));
    // Schema errors: schema.<ajv keyword>, one case of validate.ts each.
    if (file.endsWith(join('methodology', 'validate.ts'))) {
      const body = text.slice(text.indexOf('function toDiagnostic'));
      const offset = text.indexOf('function toDiagnostic');
      for (const m of body.matchAll(/case '([a-zA-Z]+)':/g)) {
        const index = offset + m.index;
        // Cases that fall through to the next share its words.
        const next = body.slice(m.index).search(/\n\s*(case '[a-zA-Z]+':\s*\{?\s*\n\s*(?!case)|default:)/);
        const words = body.slice(m.index, m.index + (next === -1 ? 400 : next + 400));
        add(`schema.${m[1]}`, where(index), /\bt\(/.test(words));
      }
    }
    // YAML syntax errors: yaml.<the yaml library's code>, one message each.
    // (translated when the table gives catalogue ids, 'yaml.…', rather than English words)
    const yamlTable = /const yamlMessages[^=]*= \{([\s\S]*?)\n\};/.exec(text);
    if (yamlTable)
      for (const m of yamlTable[1].matchAll(/^\s*([A-Z_0-9]+): (.*)$/gm))
        add(`yaml.${m[1].toLowerCase().replace(/_/g, '-')}`, where(yamlTable.index + m.index), /^'yaml\./.test(m[2]));
  }
  return [...codes.values()].sort((a, b) => a.code.localeCompare(b.code));
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  const coverage = diagnosticCoverage();
  const count = (state: CoverageState) => coverage.filter((c) => stateOf(c) === state).length;
  const families = [...new Set(coverage.map((c) => c.code.split('.')[0]))];
  console.log(
    `diagnostic codes: ${coverage.length}; translated (kk, ru, en): ${count('translated')}; partly: ${count('partly')}; English only: ${count('english')}`,
  );
  for (const family of families) {
    const inFamily = coverage.filter((c) => c.code.startsWith(`${family}.`));
    console.log(`  ${family.padEnd(12)} ${inFamily.filter((c) => stateOf(c) === 'translated').length} of ${inFamily.length}`);
  }
  const all = process.argv.includes('--all');
  for (const entry of coverage) {
    const state = stateOf(entry);
    if (!all && state === 'translated') continue;
    console.log(
      `${state.padEnd(10)} ${entry.code}${all || state === 'partly' ? `  ${entry.sites.map((s) => `${s.at}${s.translated ? '' : '*'}`).join(' ')}` : ''}`,
    );
  }
}
