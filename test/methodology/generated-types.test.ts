// The TypeScript types are derived from the JSON Schemas; this fails when someone edits
// a schema without running `npm run gen:types`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedTypes, renderTypes } from '../../scripts/gen-types.js';

describe('generated types', () => {
  for (const { schema, output, name } of generatedTypes) {
    it(`${output} is up to date with ${schema}`, async () => {
      const current = readFileSync(join(import.meta.dirname, '../..', output), 'utf8');
      expect(current).toBe(await renderTypes(schema, name));
    });
  }
});
