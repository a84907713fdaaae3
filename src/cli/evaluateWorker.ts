// A worker thread of `bagalau evaluate`: receives the run's setup once, then batches of
// records, and answers each batch with what the main thread writes (evaluateBatch.ts).
import { parentPort } from 'node:worker_threads';
import { BatchEvaluator, type BatchSetup, type BatchTask } from './evaluateBatch.js';

let evaluator: BatchEvaluator | undefined;

parentPort!.on('message', (message: { setup?: BatchSetup; task?: BatchTask }) => {
  try {
    if (message.setup) {
      evaluator = new BatchEvaluator(message.setup);
      return;
    }
    if (!evaluator) throw new Error('a batch came before the setup');
    const output = evaluator.run(message.task!);
    // The bytes move to the main thread without a copy.
    const buffers = [output.results, output.stdout, output.csv].filter((b) => b !== undefined).map((b) => b.bytes.buffer as ArrayBuffer);
    parentPort!.postMessage({ output }, buffers);
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).stack ?? String(error) });
  }
});
parentPort!.postMessage({ ready: true });
