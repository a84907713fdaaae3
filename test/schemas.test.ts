// The schemas speak to people: a value that fails a pattern is explained by the pattern's
// description, never by the regular expression itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '..', 'schemas');

function patternsWithoutWords(node: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(node)) node.forEach((child, i) => patternsWithoutWords(child, `${path}/${i}`, out));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if ('pattern' in record && !('description' in record)) out.push(`${path}: ${String(record.pattern)}`);
    for (const [key, child] of Object.entries(record)) patternsWithoutWords(child, `${path}/${key}`, out);
  }
  return out;
}

describe('schemas', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.schema.json')))('%s describes every pattern in words', (file) => {
    expect(patternsWithoutWords(JSON.parse(readFileSync(join(dir, file), 'utf8')), '', [])).toEqual([]);
  });
});
