// The engine's public surface.
export { evaluate, evaluateWithContext, inForceOn, type EvaluateOptions } from './evaluate.js';
export { buildContext, type EngineContext } from './context.js';
export type * from './types.js';
export type { EvaluationInput, Person } from './input.generated.js';
