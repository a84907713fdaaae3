// The reference for src/engine/conditions.ts: the same condition run through a real
// json-rules-engine Engine. Only tests and the benchmark use it; the engine itself never does.
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import type { TopCondition } from '../methodology/types.generated.js';

const HOLDS = 'conditionHolds';

/** An Engine holding one rule with this condition, built once and run for any facts. */
export function jsonRulesEngineEvaluator(condition: TopCondition): (facts: Record<string, unknown>) => Promise<boolean> {
  // allowUndefinedFacts stays false (the default): a missing fact must throw "Undefined fact".
  const engine = new Engine([], { allowUndefinedFacts: false });
  engine.addRule({ conditions: condition as unknown as TopLevelCondition, event: { type: HOLDS } });
  return async (facts) => {
    const { events } = await engine.run(facts);
    return events.some((event) => event.type === HOLDS);
  };
}

export async function evaluateWithJsonRulesEngine(condition: TopCondition, facts: Record<string, unknown>): Promise<boolean> {
  return jsonRulesEngineEvaluator(condition)(facts);
}
