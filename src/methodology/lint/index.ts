import type { Diagnostic } from '../diagnostic.js';
import { bandCoverage } from './bandCoverage.js';
import { categoryConsistency } from './categories.js';
import { conditionPaths } from './conditions.js';
import { deadlineCycles } from './deadlines.js';
import { formHeaderOwn } from './formHeader.js';
import { inForceOn } from './inForce.js';
import { inheritedBases } from './inheritedBases.js';
import { methodWiring } from './methodWiring.js';
import { minNotAboveMax } from './minMax.js';
import { mixedScript } from './mixedScript.js';
import { partialTranslation } from './partialTranslation.js';
import { rangeTableCoverage } from './rangeTable.js';
import { references } from './references.js';
import type { LintContext, LintRule } from './rule.js';
import { scaleContradiction } from './scaleContradiction.js';

export type { LintOptions, LintRule } from './rule.js';

/** Add a new check as a file in this folder and list it here. */
export const lintRules: readonly LintRule[] = [
  rangeTableCoverage,
  bandCoverage,
  minNotAboveMax,
  references,
  mixedScript,
  conditionPaths,
  categoryConsistency,
  deadlineCycles,
  scaleContradiction,
  inForceOn,
  methodWiring,
  inheritedBases,
  formHeaderOwn,
  partialTranslation,
];

export function runLint(context: LintContext): Diagnostic[] {
  return lintRules.flatMap((rule) => rule.check(context));
}
