// JSON pointers (RFC 6901): the one way paths into a methodology are written.
import { t, type Language } from '../i18n/index.js';

export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, segment: string | number): string {
  return `${base}/${escapeSegment(segment)}`;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}

export function getAtPointer(data: unknown, pointer: string): unknown {
  let node: any = data;
  for (const segment of splitPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[segment];
  }
  return node;
}

/**
 * "eligibility › minimumTimeInPost › months": a pointer as an author reads it. List items
 * are counted from 1 ("item 2"); with the data, a numeric map key (a year such as 2027) is
 * kept as it is.
 */
export function displayPath(pointer: string, data?: unknown, language?: Language): string {
  const parts = splitPointer(pointer);
  // With a language, in its words (the messages translated through the catalogue); without, in English.
  if (parts.length === 0) return language ? t('path.top', {}, language) : 'the top of the file';
  let node: any = data;
  return parts
    .map((part) => {
      const inList = data === undefined ? /^\d+$/.test(part) : Array.isArray(node);
      node = node?.[part];
      if (!inList) return part;
      return language ? t('path.item', { item: String(Number(part) + 1) }, language) : `item ${Number(part) + 1}`;
    })
    .join(' › ');
}
