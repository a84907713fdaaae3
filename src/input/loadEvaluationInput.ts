// Reads the data a body submits (YAML, JSON or NDJSON) as a whole, for the commands that
// need every person at once (render, the tests). It uses the same reader as `evaluate`
// (src/input/scan.ts and records.ts): records are parsed without positions, and a mistake
// is placed by walking its record's text to the key it is about (src/input/locate.ts). A mistake inside one person's record sets
// that person aside (reported with the person, file, line and column); the others go on.
import { closeSync } from 'node:fs';
import type { Diagnostic } from '../methodology/diagnostic.js';
import type { EvaluationInput, Person } from '../engine/input.generated.js';
import { checkInputFile, detectFormat, locateField, readHeader, RecordReader, type RecordPlaces } from './records.js';
import { openScanner, readRange, type RecordScanner, type RecordSpan } from './scan.js';
import { wholeDocumentScanner } from './wholeDocument.js';
import { t } from '../i18n/index.js';

export { evaluationSchemaPath } from './records.js';

export interface LoadedInput {
  /** The input with only the people whose records are valid; undefined when the file is unusable. */
  input?: EvaluationInput;
  /** People set aside because of mistakes in their records. */
  rejected: { index: number; id?: string; name?: string; diagnostics: Diagnostic[] }[];
  /** Problems with the file as a whole (unreadable, not YAML, top-level mistakes). */
  diagnostics: Diagnostic[];
  /** file:line:col of a field of person `index`, e.g. "quarters.Q2.kpi.k1.score". */
  locate(index: number, field?: string): Diagnostic['at'];
}

export function loadEvaluationInput(file: string): LoadedInput {
  const unusable = checkInputFile(file);
  if (unusable) return { rejected: [], diagnostics: [unusable], locate: () => undefined };
  const format = detectFormat(file);
  let scanner: RecordScanner = openScanner(file, format);
  try {
    let spans = allSpans(scanner);
    if (scanner.unsupported) {
      scanner.close();
      scanner = wholeDocumentScanner(file);
      spans = allSpans(scanner);
    }
    const header = readHeader(file, format, scanner.header());
    if (!header.data) return { rejected: [], diagnostics: header.diagnostics, locate: () => undefined };
    const reader = new RecordReader(file, scanner.format, header.data);
    const fd = scanner.fd;
    const texts = spans.map((span) => readRange(fd, span.start, span.end).toString('utf8'));
    const origins = new Map<number, RecordPlaces>();
    const locate = (index: number, field?: string) => {
      if (index < 0 || index >= spans.length) return undefined;
      let found = origins.get(index);
      if (!found) origins.set(index, (found = reader.places(texts[index], spans[index], index)));
      return locateField(found, index, field);
    };
    const people: Person[] = [];
    const rejected: LoadedInput['rejected'] = [];
    const firstIndex = new Map<string, number>();
    const duplicates: LoadedInput['rejected'] = [];
    spans.forEach((span, index) => {
      const record = reader.read(texts[index], span, index);
      const firstWithId = record.id !== undefined ? firstIndex.get(record.id) : undefined;
      if (record.id !== undefined && firstWithId === undefined) firstIndex.set(record.id, index);
      if (record.diagnostics) rejected.push({ index, id: record.id, name: record.name, diagnostics: record.diagnostics });
      if (firstWithId !== undefined) {
        // Two records with one id cannot both be evaluated: the later one is set aside, naming the first.
        const at = locate(index, 'id');
        const firstAt = locate(firstWithId, 'id');
        duplicates.push({
          index,
          id: record.id,
          name: record.name,
          diagnostics: [
            {
              severity: 'error',
              code: 'input.duplicate-id',
              at: at ? { ...at, file } : undefined,
              pointer: `/people/${index}/id`,
              message: t('input.duplicate-id', {
                id: String(record.id),
                first: String(firstWithId + 1),
                line: firstAt ? String(firstAt.line) : 'none',
                second: String(index + 1),
              }),
              hint: t('input.duplicate-id.hint'),
            },
          ],
        });
      } else if (record.person) people.push(record.person);
    });
    return { input: { ...header.data, people }, rejected: [...rejected, ...duplicates], diagnostics: header.diagnostics, locate };
  } finally {
    closeSync(scanner.fd);
  }
}

function allSpans(scanner: RecordScanner): RecordSpan[] {
  const spans: RecordSpan[] = [];
  for (let found = scanner.next(); found; found = scanner.next()) spans.push(...found);
  return spans;
}
