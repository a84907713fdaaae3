// Files bagalau writes: one atomic writer for every output (a reader never sees half a
// file, and a failed write leaves no temporary file), one function that builds output
// paths and refuses any name that would leave the output folder, and system errors put
// into words.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

let temporaryCounter = 0;

/** Writes `file` through a temporary file in the same folder, renamed into place; removes the temporary on failure. */
export function writeAtomically(file: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${++temporaryCounter}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Thrown when a file name built from data would leave the output folder. */
export class UnsafeOutputName extends Error {}

/**
 * The path of `name` inside `outDir`. The name is built from ids in the data (person, unit,
 * period): one that holds a folder separator, "..", a control character or is absolute is
 * refused, whatever the data says.
 */
export function outputPath(outDir: string, name: string): string {
  // eslint-disable-next-line no-control-regex
  if (name === '' || isAbsolute(name) || /[\\/\u0000-\u001f]/.test(name) || name === '.' || name === '..' || basename(name) !== name) {
    throw new UnsafeOutputName(
      `the file name "${name}" would leave the output folder; it is built from ids in the data, which may use letters, digits, ".", "_" and "-" only`,
    );
  }
  const path = join(outDir, name);
  const inside = relative(resolve(outDir), resolve(path));
  if (inside.startsWith('..') || isAbsolute(inside)) throw new UnsafeOutputName(`the file name "${name}" would leave the output folder`);
  return path;
}

/** A system error (EACCES, EISDIR, ENOSPC…) as a sentence about `path`, with what to do. */
export function describeFileError(error: unknown, path: string, action: 'read' | 'write' | 'create'): { message: string; hint: string } {
  const code = (error as NodeJS.ErrnoException)?.code;
  const what: Record<string, [string, string]> = {
    EACCES: [`permission to ${action} ${path} is denied`, 'choose a folder you may write to, or ask for the permission'],
    EPERM: [`the system does not allow bagalau to ${action} ${path}`, 'choose another folder'],
    EISDIR: [`${path} is a folder, not a file`, 'name a file, or another folder for --out'],
    ENOTDIR: [`a part of ${path} is a file, not a folder`, 'choose an output folder whose path is made of folders'],
    EEXIST: [`${path} exists and is not a folder`, 'remove it or choose another --out folder'],
    ENOSPC: [`the disk is full: ${path} could not be written`, 'free some space and run the command again'],
    EDQUOT: [`the disk quota is used up: ${path} could not be written`, 'free some space and run the command again'],
    EFBIG: [`${path} is larger than the system allows a file to be (ulimit -f)`, 'raise the limit, or write to another disk'],
    EROFS: [`${path} is on a read-only disk`, 'choose another --out folder'],
    ENOENT: [`${path} does not exist`, 'check the path'],
    ENAMETOOLONG: [`the path ${path} is too long`, 'choose a shorter output folder'],
  };
  const [message, hint] = (code && what[code]) || [
    `${path} could not be ${action === 'read' ? 'read' : 'written'}${code ? ` (${code})` : ''}`,
    'check the path and the disk',
  ];
  return { message, hint };
}
