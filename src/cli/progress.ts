// Progress of long work (evaluate: people; render: forms) on stderr, drawn by cli-progress,
// only when stderr is a terminal (Io.progress) and --quiet is not given. The bar writes
// through the Io, so tests see what a terminal would.
import cliProgress from 'cli-progress';
import { t, type Language } from '../i18n/index.js';
import type { Io } from './output.js';

export interface Progress {
  /** `done` of the total; `payload` fills the format's other fields (e.g. {people}). */
  update(done: number, payload?: Record<string, unknown>): void;
  /** Draws the last state and leaves the line (idempotent). */
  stop(): void;
}

export interface ProgressSpec {
  total: number;
  /** cli-progress format: {bar} {value} {total} {percentage} {duration_formatted} {eta_formatted}, and payload fields. */
  format: string;
  payload?: Record<string, unknown>;
}

/** The formats of the two commands. */
// cli-progress's own {fields}, passed through the catalogue's words as they are.
const FIELDS = Object.fromEntries(
  ['bar', 'percentage', 'people', 'value', 'total', 'duration_formatted', 'eta_formatted'].map((f) => [f, `{${f}}`]),
);
export const evaluateProgress = (language?: Language) => t('progress.evaluate', FIELDS, language);
export const renderProgress = (language?: Language) => t('progress.render', FIELDS, language);
export const EVALUATE_PROGRESS = evaluateProgress('en');
export const RENDER_PROGRESS = renderProgress('en');

/** A writable "terminal" over io.err, as cli-progress (and node:readline's cursor moves) use it. */
function terminalStream(io: Io): NodeJS.WritableStream {
  return {
    isTTY: true,
    columns: io.columns ?? 80,
    write: (chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (io.terminal) io.terminal(text);
      else io.err(text);
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      callback?.();
      return true;
    },
    on: () => undefined,
    once: () => undefined,
    off: () => undefined,
    removeListener: () => undefined,
    emit: () => false,
  } as unknown as NodeJS.WritableStream;
}

/** A progress bar, or undefined when stderr is not a terminal or the command is quiet. */
export function startProgress(io: Io, spec: ProgressSpec, quiet = false): Progress | undefined {
  if (quiet || !io.progress || spec.total <= 0) return undefined;
  const bar = new cliProgress.SingleBar({
    stream: terminalStream(io),
    format: spec.format,
    barsize: Math.max(10, Math.min(30, (io.columns ?? 80) - 90)),
    hideCursor: false,
    clearOnComplete: true,
    stopOnComplete: false,
    etaBuffer: 50,
    fps: 5,
    formatValue: (value, _options, type) => (type === 'value' || type === 'total' ? value.toLocaleString('en') : String(value)),
  });
  bar.start(spec.total, 0, spec.payload ?? {});
  let stopped = false;
  return {
    update: (done, payload) => {
      if (!stopped) bar.update(Math.min(done, spec.total), payload ?? {});
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
