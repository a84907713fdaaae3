// Writes the files of the hostile corpus that cannot be kept as plain text in git (UTF-16,
// symlinks, folders, very deep nesting), beside the committed ones in files/.
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function makeHostileFiles(dir = fileURLToPath(new URL('files/', import.meta.url))) {
  const at = (name) => `${dir}/${name}`;
  const methodology = 'id: utf16\nextends: model-2025\ntitle: { kk: Сынақ }\n';
  writeFileSync(at('utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(methodology, 'utf16le')]));
  writeFileSync(at('empty.yaml'), '');
  writeFileSync(at('blank.yaml'), '\n   \n\t\n');
  mkdirSync(at('a-folder.yaml'), { recursive: true });
  rmSync(at('link-to-zero.yaml'), { force: true });
  symlinkSync('/dev/zero', at('link-to-zero.yaml'));
  writeFileSync(at('deep.yaml'), 'a: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n');
  if (!existsSync(at('secrets.yaml'))) writeFileSync(at('secrets.yaml'), 'password: hunter2\ntoken: hunter2-token\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) makeHostileFiles();
