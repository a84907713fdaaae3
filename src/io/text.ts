// Whether the bytes of a file are UTF-8 text, told in bagalau's words: methodologies,
// calendars and evaluation inputs are all read as UTF-8, and a file saved as UTF-16, in
// Windows-1251 or that is not text at all must say so instead of showing mojibake.
import { t } from '../i18n/index.js';
import type { Diagnostic } from '../methodology/diagnostic.js';

/**
 * Why `bytes` (the start of `file`, or all of it when `whole`) are not UTF-8 text, or
 * undefined. `what` names the file in messages ("an evaluation input", "a methodology file").
 */
export function textProblem(file: string, bytes: Uint8Array, whole: boolean, what: string): Diagnostic | undefined {
  const at = { file, line: 1, col: 1 };
  // UTF-16 with its byte-order mark, or without one (every other byte of Latin text is 0).
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const sample = Math.min(bytes.length, 256);
  const pairs = Math.floor(sample / 2);
  const zerosFrom = (from: number) => {
    let n = 0;
    for (let k = from; k < pairs * 2; k += 2) if (bytes[k] === 0) n++;
    return n;
  };
  if (bom || (pairs >= 2 && (zerosFrom(0) === pairs || zerosFrom(1) === pairs)))
    return { severity: 'error', code: 'file.utf16', at, message: t('file.utf16', { file }), hint: t('file.saveAsUtf8.hint') };
  if (bytes.includes(0))
    return {
      severity: 'error',
      code: 'file.binary',
      at,
      message: t('file.binary', { file, what }),
      hint: t('file.rightFile.hint'),
    };
  const bad = firstInvalidUtf8(bytes, whole);
  if (bad === undefined) return undefined;
  const before = Buffer.from(bytes.buffer, bytes.byteOffset, bad).toString('utf8');
  return {
    severity: 'error',
    code: 'file.not-utf8',
    at: { file, line: before.split('\n').length, col: before.length - before.lastIndexOf('\n') },
    message: t('file.not-utf8', { file }),
    hint: t('file.saveAsUtf8.hint'),
  };
}

/** The offset of the first byte that is not part of a UTF-8 character; a character cut at the end counts only when `whole`. */
function firstInvalidUtf8(bytes: Uint8Array, whole: boolean): number | undefined {
  for (let k = 0; k < bytes.length;) {
    const b = bytes[k];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return k;
    if (k + length > bytes.length) return whole ? k : undefined;
    for (let c = 1; c < length; c++) if ((bytes[k + c] & 0xc0) !== 0x80) return k;
    k += length;
  }
  return undefined;
}
