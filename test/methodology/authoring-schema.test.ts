// The editor agrees with bagalau: a body's file (which extends another) checked against
// schemas/methodology-authoring.schema.json with the same ajv setup as bagalau has no
// diagnostic, and a misspelt key gives exactly one. The schema is derived from the
// methodology schema and must be up to date.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { authoringSchemaPath, renderAuthoringSchema } from '../../scripts/authoring-schema.js';

const root = join(import.meta.dirname, '../..');
const read = (file: string) => parse(readFileSync(join(root, file), 'utf8'), { schema: 'core' });

function validator(schemaFile: string) {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats.default(ajv);
  ajv.addKeyword({ keyword: 'refersTo', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'movedTo', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  return ajv.compile(JSON.parse(readFileSync(join(root, schemaFile), 'utf8')));
}

const bodyFiles = [
  'methodologies/almaty-akimat-2023.yaml',
  'methodologies/enbekshikazakh-maslikhat-2023.yaml',
  'examples/baiterek-akimat/baiterek-akimat-2025.yaml',
  'examples/zhaiyq-akimat/zhaiyq-akimat-2023.yaml',
  'examples/zhaiyq-akimat/zhaiyq-akimat-2025.yaml',
  'test/methodology/fixtures/ulytau-akimat-2024.yaml',
  'test/forms/fixtures/forms-quarterly-2024.yaml',
];

describe('the authoring schema', () => {
  it('is up to date with the methodology schema (npm run gen:types)', () => {
    expect(readFileSync(join(root, authoringSchemaPath), 'utf8')).toBe(renderAuthoringSchema());
  });

  const validate = validator(authoringSchemaPath);
  it.each(bodyFiles)('%s has no diagnostic', (file) => {
    const ok = validate(read(file));
    expect(ok, JSON.stringify(validate.errors?.slice(0, 3), null, 1)).toBe(true);
  });

  it.each(bodyFiles.filter((f) => !f.startsWith('test/forms')))('%s points the editor at the authoring schema', (file) => {
    expect(readFileSync(join(root, file), 'utf8').split('\n')[0]).toMatch(
      /^# yaml-language-server: \$schema=(\.\.\/)+schemas\/methodology-authoring\.schema\.json$/,
    );
  });

  it('null drops an inherited setting, as the resolver allows', () => {
    const data = read('examples/zhaiyq-akimat/zhaiyq-akimat-2025.yaml');
    data.calibration = null;
    expect(validate(data)).toBe(true);
  });

  it('a misspelt key gives exactly one diagnostic', () => {
    const data = read('examples/zhaiyq-akimat/zhaiyq-akimat-2025.yaml');
    data.eligibility.minimumTimeInPost.monts = 3;
    expect(validate(data)).toBe(false);
    expect(validate.errors?.filter((e) => e.keyword !== 'if')).toHaveLength(1);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'additionalProperties', params: { additionalProperty: 'monts' } });
  });

  it('the models, which extend nothing, follow the methodology schema itself', () => {
    const full = validator('schemas/methodology.schema.json');
    for (const file of ['methodologies/model-2018.yaml', 'methodologies/model-2025.yaml']) expect(full(read(file)), file).toBe(true);
  });
});
