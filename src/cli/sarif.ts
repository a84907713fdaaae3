// Diagnostics as SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), the log CI
// services read to annotate the lines of a change (`--format sarif`): one run of the tool
// "bagalau", a rule per diagnostic code, a result per diagnostic with its level and, when it
// has a place, a physical location (the file, and the line and column it starts at).
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../methodology/index.js';

export const SARIF_VERSION = '2.1.0';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const TOOL_VERSION = '0.1.0';

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: { name: string; version: string; informationUri?: string; rules: SarifRule[] } };
  results: SarifResult[];
}

export interface SarifRule {
  id: string;
  shortDescription: { text: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations?: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn: number };
    };
    logicalLocations?: { name: string; kind: string }[];
  }[];
  properties?: Record<string, string>;
}

/** A file name as a SARIF URI: relative paths stay relative (with "/"), absolute ones become file: URIs. */
export function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .split(sep)
    .join('/')
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
}

/** A text on one line, ending as a sentence ends. */
const sentence = (text: string) => {
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return /[.!?…)]$/.test(line) ? line : `${line}.`;
};

/** The words of a code for its rule: "schema.required" → "schema: required". */
function describeCode(code: string): string {
  const dot = code.indexOf('.');
  return dot > 0 ? `${code.slice(0, dot)}: ${code.slice(dot + 1).replace(/-/g, ' ')}` : code.replace(/-/g, ' ');
}

/** One SARIF log of the diagnostics: rules in the order their codes first appear. */
export function sarifLog(diagnostics: readonly Diagnostic[]): SarifLog {
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const results = diagnostics.map((d): SarifResult => {
    let ruleIndex = index.get(d.code);
    if (ruleIndex === undefined) {
      ruleIndex = rules.length;
      index.set(d.code, ruleIndex);
      rules.push({ id: d.code, shortDescription: { text: describeCode(d.code) } });
    }
    const text = [sentence(d.message), d.clause && sentence(`Clause: ${d.clause}`), d.hint && sentence(`What to do: ${d.hint}`)]
      .filter(Boolean)
      .join(' ');
    const result: SarifResult = {
      ruleId: d.code,
      ruleIndex,
      level: d.severity === 'info' ? 'note' : d.severity,
      message: { text },
    };
    if (d.at) {
      result.locations = [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(d.at.file) },
            region: { startLine: Math.max(1, d.at.line), startColumn: Math.max(1, d.at.col) },
          },
          ...(d.at.cell && { logicalLocations: [{ name: `${d.at.sheet}!${d.at.cell}`, kind: 'element' }] }),
        },
      ];
    }
    const properties: Record<string, string> = {};
    if (d.clause) properties.clause = d.clause;
    if (d.hint) properties.hint = d.hint;
    if (d.pointer) properties.pointer = d.pointer;
    if (Object.keys(properties).length) result.properties = properties;
    return result;
  });
  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [{ tool: { driver: { name: 'bagalau', version: TOOL_VERSION, rules } }, results }],
  };
}

export function sarifText(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(sarifLog(diagnostics), null, 2) + '\n';
}
