// The cache of what is computed from files alone (src/io/cache.ts): a value is used again
// only while every file it came from is unchanged, deleting the folder only costs time,
// and a methodology or calendar from the cache is the one computed.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedByContent } from '../../src/io/cache.js';
import { openCalendar, openMethodology } from '../../src/cli/open.js';
import { bundledMethodologyIds, lintMethodology } from '../../src/methodology/index.js';
import { loadCalendar } from '../../src/calendar/index.js';
import { capturingIo } from '../helpers/cli.js';

const { io } = capturingIo();
let folder: string;
const saved = process.env.BAGALAU_CACHE_DIR;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'bagalau-cache-'));
  process.env.BAGALAU_CACHE_DIR = join(folder, 'cache');
});
afterEach(() => {
  if (saved === undefined) delete process.env.BAGALAU_CACHE_DIR;
  else process.env.BAGALAU_CACHE_DIR = saved;
});

describe('cachedByContent', () => {
  it('computes again when the file or a file it depends on changes, or the folder is gone; never with BAGALAU_CACHE_DIR=off', () => {
    const main = join(folder, 'main.txt');
    const base = join(folder, 'base.txt');
    writeFileSync(main, 'a');
    writeFileSync(base, 'b');
    let computed = 0;
    const read = () =>
      cachedByContent('test', main, () => {
        computed++;
        return { value: { n: computed }, files: [base] };
      });
    expect(read()).toEqual({ n: 1 });
    expect(read()).toEqual({ n: 1 });
    writeFileSync(base, 'B');
    expect(read()).toEqual({ n: 2 });
    writeFileSync(main, 'A');
    expect(read()).toEqual({ n: 3 });
    expect(read()).toEqual({ n: 3 });
    rmSync(join(folder, 'cache'), { recursive: true });
    expect(read()).toEqual({ n: 4 });
    process.env.BAGALAU_CACHE_DIR = 'off';
    expect(read()).toEqual({ n: 5 });
    expect(read()).toEqual({ n: 6 });
  });

  it('reads no device and no huge file: they are the loader’s to refuse', () => {
    let computed = 0;
    expect(cachedByContent('test', '/dev/zero', () => ({ value: ++computed, files: [] }))).toBe(1);
    expect(cachedByContent('test', '/dev/zero', () => ({ value: ++computed, files: [] }))).toBe(2);
    const main = join(folder, 'main.txt');
    writeFileSync(main, 'a');
    expect(cachedByContent('test', main, () => ({ value: ++computed, files: ['/dev/zero'] }))).toBe(3);
    expect(cachedByContent('test', main, () => ({ value: ++computed, files: ['/dev/zero'] }))).toBe(4);
  });

  it('keeps nothing that is not to be kept', () => {
    const main = join(folder, 'main.txt');
    writeFileSync(main, 'a');
    let computed = 0;
    const read = () => cachedByContent('test', main, () => void computed++);
    expect(read()).toBeUndefined();
    expect(read()).toBeUndefined();
    expect(computed).toBe(2);
  });
});

describe('the methodology and the calendar from the cache', () => {
  it.each(bundledMethodologyIds())('%s is the one computed', (id) => {
    const computed = lintMethodology(id).result;
    expect(computed.ok).toBe(true);
    const first = openMethodology(io, id);
    const kept = openMethodology(io, id);
    expect(kept).not.toBe(first);
    expect(kept).toEqual(computed.ok && computed.methodology);
    expect(readdirSync(join(folder, 'cache')).filter((f) => f.startsWith('linted-methodology-'))).toHaveLength(1);
  });

  it('the calendar is the one computed', () => {
    openCalendar(io);
    const kept = openCalendar(io)!;
    const computed = loadCalendar();
    expect(kept.file).toEqual(computed.file);
    expect(kept.label).toBe(computed.label);
  });
});
