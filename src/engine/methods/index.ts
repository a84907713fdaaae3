// The evaluators of the method kinds, by kind: a methodology's method names its kind and
// the engine looks the evaluator up here. A new kind is one file and one line.
import { kpiEvaluator } from './kpi.js';
import type { MethodEvaluator, MethodKind } from './method.js';
import { parametersEvaluator } from './parameters.js';
import { surveyEvaluator } from './survey.js';

export const methodEvaluators: Record<MethodKind, MethodEvaluator> = {
  parameters: parametersEvaluator,
  kpi: kpiEvaluator,
  survey: surveyEvaluator,
};

export type { DeclaredMethod, MethodCall, MethodEvaluator, MethodKind, MethodOutcome } from './method.js';
export { findRow, percentAchieved } from './kpi.js';
