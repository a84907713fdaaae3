// Writes the files of the hostile corpus that cannot be kept as plain text in git (UTF-16,
// Windows-1251, binary, symlinks, folders, very deep nesting, very large), beside the
// committed ones in files/ (files/.gitignore lists them).
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function makeHostileFiles(dir = fileURLToPath(new URL('files/', import.meta.url))) {
  const at = (name) => `${dir}/${name}`;
  const utf16 = (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const link = (name, target) => {
    rmSync(at(name), { force: true });
    symlinkSync(target, at(name));
  };
  // Bytes of a program: a binary file named as YAML.
  const binary = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\x00'), Buffer.alloc(64), Buffer.from('methodology: model-2025\n')]);

  writeFileSync(at('utf16.yaml'), utf16('id: utf16\nextends: model-2025\ntitle: { kk: Сынақ }\n'));
  writeFileSync(at('utf16-input.yaml'), utf16(readFileSync(at('input-ok.yaml'), 'utf8')));
  writeFileSync(at('empty.yaml'), '');
  writeFileSync(at('blank.yaml'), '\n   \n\t\n');
  writeFileSync(at('empty-input.json'), '');
  writeFileSync(at('blank-input.ndjson'), '\n\n\n');
  writeFileSync(at('empty.xlsx'), '');
  // Windows-1251, as an old Russian Windows editor saves "Али".
  const cp1251 = Buffer.from([0xc0, 0xeb, 0xe8]);
  writeFileSync(at('cp1251.yaml'), Buffer.concat([Buffer.from('id: cp\nextends: model-2025\ntitle: { kk: '), cp1251, Buffer.from(' }\n')]));
  writeFileSync(
    at('cp1251-input.yaml'),
    Buffer.concat([Buffer.from('methodology: model-2025\nyear: 2026\npeople:\n  - id: S1\n    name: '), cp1251, Buffer.from('\n')]),
  );
  writeFileSync(at('binary.yaml'), binary);
  writeFileSync(at('binary-input.json'), binary);
  // Over the 2 MiB a methodology may have (a comment, so that only the size is wrong).
  writeFileSync(at('large.yaml'), `id: large\n# ${'x'.repeat(2 * 1024 * 1024)}\n`);
  writeFileSync(at('long-key.yaml'), `id: long\nextends: model-2025\n${'k'.repeat(100_000)}: 1\n`);
  mkdirSync(at('a-folder.yaml'), { recursive: true });
  link('link-to-zero.yaml', '/dev/zero');
  link('link-to-secrets.yaml', 'secrets.yaml');
  writeFileSync(at('deep.yaml'), 'a: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n');
  writeFileSync(
    at('deep-input.json'),
    `{"methodology":"model-2025","year":2026,"people":[{"id":"S1","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`,
  );
  if (!existsSync(at('secrets.yaml'))) writeFileSync(at('secrets.yaml'), 'password: hunter2\ntoken: hunter2-token\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) makeHostileFiles();
