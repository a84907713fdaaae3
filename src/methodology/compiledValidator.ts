// JSON Schema validators compiled once, not on every run. ajv turns a schema into a
// JavaScript function; for the methodology schema that takes a third to a half of a second,
// more than the rest of `bagalau validate`. The function's code ("standalone code") is
// kept in the user's cache folder (src/io/cache.ts), named after a hash of the schema, the
// options and ajv's version, and loaded from there by the next run (about 10 ms). A changed
// schema gets a new name; where the folder cannot be written, the schema is compiled as before.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compileFunction } from 'node:vm';
import { cacheDirectory } from '../io/cache.js';
import type { Options, ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

export interface ValidatorSpec {
  /** Names the cached file. */
  name: string;
  schema: object & { $id?: string };
  options: Options;
  /** Formats of ajv-formats (date, …) the schema uses. */
  formats?: boolean;
  /** Annotation keywords (no code), e.g. refersTo. */
  keywords?: string[];
  /** Sub-schemas to validate on their own, by name → "#/$defs/…" of the schema. */
  parts?: Record<string, string>;
}

/** The validator of the schema and of each part, compiled or loaded from the cache. */
export function compiledValidators(spec: ValidatorSpec): { root: ValidateFunction; parts: Record<string, ValidateFunction> } {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  const hash = createHash('sha256')
    .update(JSON.stringify([spec.schema, spec.options, spec.formats, spec.keywords, spec.parts, ajvVersion]))
    .digest('hex')
    .slice(0, 16);
  const directory = cacheDirectory();
  const cacheFile = directory && join(directory, `${spec.name}-${hash}.cjs`);
  if (cacheFile && existsSync(cacheFile)) {
    try {
      // The code requires ajv's runtime: from bagalau's packages, not from the cache folder.
      const module = { exports: {} as Record<string, ValidateFunction> };
      compileFunction(readFileSync(cacheFile, 'utf8'), ['exports', 'require', 'module'], { filename: cacheFile })(
        module.exports,
        require,
        module,
      );
      const loaded = module.exports;
      if (typeof loaded.root === 'function')
        return { root: loaded.root, parts: Object.fromEntries(Object.keys(spec.parts ?? {}).map((k) => [k, loaded[k]])) };
    } catch {
      /* compiled again below */
    }
  }
  // ajv itself is loaded only to compile (a run that finds the cache does not need it).
  const Ajv2020 = (require('ajv/dist/2020.js') as { default: new (options: Options) => import('ajv').default }).default;
  const addFormats = (require('ajv-formats') as { default: (ajv: unknown) => void }).default;
  const ajv = new Ajv2020({
    ...spec.options,
    code: {
      source: true,
      ...(spec.formats ? { formats: require('ajv/dist/compile/codegen')._`require("ajv-formats/dist/formats").fullFormats` } : {}),
    },
  });
  if (spec.formats) addFormats(ajv);
  for (const keyword of spec.keywords ?? []) ajv.addKeyword({ keyword, schemaType: 'string' });
  const rootValidator = ajv.compile(spec.schema);
  const id = spec.schema.$id ?? '';
  const parts = Object.fromEntries(
    Object.entries(spec.parts ?? {}).map(([k, pointer]) => {
      const part = ajv.getSchema(`${id}${pointer}`);
      if (!part) throw new Error(`the schema ${spec.name} has no ${pointer}`);
      return [k, part];
    }),
  );
  if (cacheFile) {
    try {
      const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: unknown, refs: Record<string, string>) => string })
        .default;
      const code = standaloneCode(ajv, {
        root: id,
        ...Object.fromEntries(Object.entries(spec.parts ?? {}).map(([k, pointer]) => [k, `${id}${pointer}`])),
      });
      mkdirSync(dirname(cacheFile), { recursive: true });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, code);
      renameSync(temporary, cacheFile);
    } catch {
      /* no cache: compiled next time too */
    }
  }
  return { root: rootValidator, parts };
}
