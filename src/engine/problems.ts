import type { Method, PeriodId, Problem } from './types.js';

export interface ProblemPlace {
  person?: string;
  period?: PeriodId;
  method?: Method;
  field?: string;
  clause?: string;
}

export function problem(
  code: string,
  message: string,
  hint: string,
  place: ProblemPlace,
  severity: Problem['severity'] = 'error',
): Problem {
  return { code, severity, ...place, message, hint };
}
