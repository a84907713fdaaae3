// The results the engine produces. Their format is schemas/results.schema.json (the file
// `bagalau evaluate` writes); the types are generated from it (npm run gen:types).
export type {
  CalibrationOutcome,
  CompetencyLine,
  DeadlineResult,
  Decision,
  Eligibility,
  EvaluationResult,
  KpiLine,
  Method,
  MethodResult,
  ParameterLine,
  PeriodId,
  PersonResult,
  Problem,
  QuarterId,
  Status,
  TraceStep,
} from './results.generated.js';
