// One lint rule per file, each behind this interface (as ajv keeps one keyword per file).
import type { Diagnostic, Severity, SourcePosition } from '../diagnostic.js';
import type { ResolvedSource } from '../resolve.js';
import type { Methodology } from '../types.generated.js';
import { clauseAt } from '../clause.js';

export interface LintOptions {
  /** Date (YYYY-MM-DD) on which the methodology should be in force; given by the caller, never read from a clock here. */
  on?: string;
  /** Notes list what they count (lint --verbose). */
  verbose?: boolean;
}

export interface LintContext {
  methodology: Methodology;
  resolved: ResolvedSource;
  options: LintOptions;
}

export interface LintRule {
  id: string;
  description: string;
  check(context: LintContext): Diagnostic[];
}

export function finding(
  context: LintContext,
  rule: string,
  severity: Severity,
  pointer: string,
  message: string,
  hint: string,
  at?: SourcePosition,
): Diagnostic {
  const origin = context.resolved.originOf(pointer);
  return {
    severity,
    code: `lint.${rule}`,
    message,
    hint,
    pointer,
    at: at ?? origin?.value,
    clause: clauseAt(context.methodology, pointer),
  };
}

/** Integers at a decimal precision, so 44.49 + 0.01 is exactly 44.50. */
export const toSteps = (value: number, precision: number) => Math.round(value * 10 ** precision);
export const fromSteps = (steps: number, precision: number) => (steps / 10 ** precision).toFixed(precision);

/** Calls `visit` for every value below `node` (itself included), with its JSON pointer. */
export function forEachValue(node: unknown, pointer: string, visit: (value: unknown, pointer: string) => void): void {
  visit(node, pointer);
  if (node && typeof node === 'object') {
    for (const [key, child] of Object.entries(node)) forEachValue(child, `${pointer}/${key}`, visit);
  }
}
