import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicFile, FileWriteError, UnsafeOutputName, describeFileError, outputPath, writeAtomically } from '../src/io/files.js';

describe('output files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bagalau-files-'));

  it('builds paths inside the output folder and refuses names that leave it', () => {
    expect(outputPath(dir, 'S01_2026-Q1_annex-4.pdf')).toBe(join(dir, 'S01_2026-Q1_annex-4.pdf'));
    for (const name of ['../../escape-target/PWNED-S07.pdf', '/etc/passwd', '..', 'a/b.pdf', 'a\\b.pdf', 'x\u0000.pdf', '']) {
      expect(() => outputPath(dir, name), name).toThrow(UnsafeOutputName);
    }
  });

  it('writes atomically and leaves no temporary file when the write fails', () => {
    writeAtomically(join(dir, 'a.txt'), 'one');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one');
    // a folder in the way of the rename makes the write fail
    expect(() => writeAtomically(join(dir), 'x')).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'a.txt'))).toBe(true);
  });

  it('puts system errors into words', () => {
    const e = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    expect(describeFileError(e, 'out/results.json', 'write').message).toBe('permission to write out/results.json is denied');
    expect(describeFileError(Object.assign(new Error(), { code: 'EFBIG' }), 'x', 'write').message).toContain('ulimit -f');
  });
});

describe('the atomic writer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bagalau-atomic-'));

  it('says in words why a file cannot be written, and leaves nothing', () => {
    writeAtomically(join(dir, 'a-file'), 'kept');
    const write = () => writeAtomically(join(dir, 'a-file', 'results.json'), 'x');
    expect(write).toThrow(FileWriteError);
    expect(write).toThrow(`${join(dir, 'a-file')} exists and is not a folder`);
    expect(readdirSync(dir)).toEqual(['a-file']);
  });

  it('shows nothing under the final name until commit, and nothing at all after abort', () => {
    const file = new AtomicFile(join(dir, 'results.json'));
    file.write('{"people": [');
    expect(existsSync(join(dir, 'results.json'))).toBe(false);
    file.abort();
    expect(readdirSync(dir)).toEqual(['a-file']);
    const kept = new AtomicFile(join(dir, 'results.json'));
    kept.write('[]');
    kept.commit();
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).toBe('[]');
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'results.json']);
  });
});
