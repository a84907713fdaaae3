// The narrow public API of the methodology stage: load (YAML with positions) →
// resolve extends → validate (JSON Schema) → lint. Nothing here evaluates anything.
import { basename } from 'node:path';
import { t } from '../i18n/index.js';
import { compareDiagnostics, hasErrors, type Diagnostic } from './diagnostic.js';
import { runLint, type LintOptions } from './lint/index.js';
import { methodologyPath, resolveMethodologyFile, type ResolvedSource } from './resolve.js';
export { bundledMethodologyIds, looksLikePath, methodologyPath } from './resolve.js';
import type { Methodology } from './types.generated.js';
import { validateResolved } from './validate.js';

export type { Diagnostic, Severity, SourcePosition } from './diagnostic.js';
export { formatDiagnostic, hasErrors } from './diagnostic.js';
export type { Methodology } from './types.generated.js';
export type { LintOptions } from './lint/index.js';
export { lintRules } from './lint/index.js';

export type LoadResult =
  { ok: true; methodology: Methodology; resolved: ResolvedSource; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

export function loadResolved(pathOrId: string): LoadResult {
  const file = methodologyPath(pathOrId);
  const resolved = resolveMethodologyFile(file);
  const diagnostics = [...resolved.diagnostics];
  if (!resolved.data || hasErrors(diagnostics)) return { ok: false, diagnostics: sorted(diagnostics) };
  diagnostics.push(...validateResolved(resolved));
  const id = resolved.data.id;
  const expected = basename(file).replace(/\.ya?ml$/, '');
  if (typeof id === 'string' && id !== expected) {
    diagnostics.push({
      severity: 'error',
      code: 'identity.id-mismatch',
      pointer: '/id',
      at: resolved.originOf('/id')?.value,
      message: t('identity.id-mismatch', { id, file: basename(file) }),
      hint: t('identity.id-mismatch.hint', { id, expected }),
    });
  }
  if (hasErrors(diagnostics)) return { ok: false, diagnostics: sorted(diagnostics) };
  return { ok: true, methodology: resolved.data as unknown as Methodology, resolved, diagnostics: sorted(diagnostics) };
}

/** Loads and lints: the findings of every stage, sorted by file and line. */
export function lintMethodology(pathOrId: string, options: LintOptions = {}): { result: LoadResult; diagnostics: Diagnostic[] } {
  const result = loadResolved(pathOrId);
  if (!result.ok) return { result, diagnostics: result.diagnostics };
  return {
    result,
    diagnostics: sorted([...result.diagnostics, ...runLint({ methodology: result.methodology, resolved: result.resolved, options })]),
  };
}

function sorted(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}
