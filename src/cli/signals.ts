// A command stopped from outside — Ctrl+C (SIGINT), kill (SIGTERM), a closed terminal or
// dropped SSH session (SIGHUP) — cleans up before it exits with the shell's code for the
// signal (128 + its number), so an output folder holds only whole files.
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

export type StopSignal = keyof typeof EXIT_CODES;

/** Calls `stop(signal, exitCode)` on the first of the signals; returns what removes the handlers. */
export function onStop(stop: (signal: StopSignal, exitCode: number) => void): () => void {
  const handlers = (Object.keys(EXIT_CODES) as StopSignal[]).map((signal) => {
    const handler = () => stop(signal, EXIT_CODES[signal]);
    process.once(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => handlers.forEach((remove) => remove());
}
