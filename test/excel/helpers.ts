// Shared by the Excel tests: the example bodies, their methodologies, their YAML inputs as
// the workbook gives them back, and a workbook filled from an input (the test helper the
// issue asks for: the example body's YAML as a filled workbook).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import YAML from 'yaml';
import type { EvaluationInput } from '../../src/engine/index.js';
import { personFields } from '../../src/engine/input.generated.js';
import { fillIntake } from '../../src/excel/fill.js';
import { intakeLayout } from '../../src/excel/layout.js';
import { writeIntakeWorkbook } from '../../src/excel/template.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';

export const root = join(import.meta.dirname, '../..');

export const examples = [
  {
    name: 'zhaiyq-2026',
    input: 'examples/zhaiyq-akimat/evaluation-2026.yaml',
    methodologies: ['examples/zhaiyq-akimat/zhaiyq-akimat-2025.yaml'],
  },
  {
    name: 'zhaiyq-2025',
    input: 'examples/zhaiyq-akimat/evaluation-2025.yaml',
    methodologies: ['examples/zhaiyq-akimat/zhaiyq-akimat-2023.yaml', 'examples/zhaiyq-akimat/zhaiyq-akimat-2025.yaml'],
  },
  {
    name: 'baiterek-2026',
    input: 'examples/baiterek-akimat/evaluation-2026.yaml',
    methodologies: ['examples/baiterek-akimat/baiterek-akimat-2025.yaml'],
  },
];

export function methodology(pathOrId: string): Methodology {
  const loaded = loadResolved(pathOrId.includes('/') && !isAbsolute(pathOrId) ? join(root, pathOrId) : pathOrId);
  if (!loaded.ok) throw new Error(`${pathOrId}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return loaded.methodology;
}

/**
 * A YAML input as it reads back from a workbook: the 360 responses written on the person
 * (inputs before 2026) are under annual.<method>, where the workbook puts them; the editor's
 * $schema line is not data.
 */
export function yamlInput(path: string): EvaluationInput {
  const data = YAML.parse(readFileSync(join(root, path), 'utf8')) as EvaluationInput & { $schema?: string };
  delete data.$schema;
  for (const person of data.people as unknown as Record<string, unknown>[]) {
    for (const key of Object.keys(person)) {
      const value = person[key] as { responses?: unknown } | undefined;
      if (personFields.has(key) || typeof value !== 'object' || value === null || !Array.isArray(value.responses)) continue;
      person.annual = { ...(person.annual as object), [key]: value };
      delete person[key];
    }
  }
  return data;
}

/** The example's YAML input written as a filled intake workbook at `out`. */
export async function exampleWorkbook(
  example: (typeof examples)[number],
  out: string,
): Promise<{ input: EvaluationInput; methodologies: Methodology[] }> {
  const methodologies = example.methodologies.map(methodology);
  const input = yamlInput(example.input);
  const layout = intakeLayout(methodologies, input.year);
  const filled = fillIntake(layout, input);
  if (filled.unrepresentable.length) throw new Error(`not carried over: ${filled.unrepresentable.join(', ')}`);
  await writeIntakeWorkbook(layout, out, {
    methodologyRefs: input.methodologies ?? [input.methodology!],
    fill: filled,
    created: new Date(Date.UTC(2026, 0, 1)),
  });
  return { input, methodologies };
}

/** LibreOffice's soffice: npm test's setup installs it (libreoffice-calc); a test that needs it fails with how to install it. */
export const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs soffice headless with its own profile (tests may run it in parallel). */
export function runSoffice(args: string[], profile: string): { status: number | null; output: string } {
  if (!soffice)
    throw new Error(
      'soffice (LibreOffice) is not installed; npm test installs it as root, otherwise run: sudo apt-get install -y --no-install-recommends libreoffice-calc',
    );
  const run = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
