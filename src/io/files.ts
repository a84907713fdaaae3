// Files bagalau writes: one atomic writer for every output (a reader never sees half a
// file, and a failed write leaves no temporary file), one function that builds output
// paths and refuses any name that would leave the output folder, and system errors put
// into words.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { t } from '../i18n/index.js';

let temporaryCounter = 0;

/** Temporary files being written now: removed by `removeOpenTemporaries` when the run is interrupted. */
const openTemporaries = new Set<string>();

/**
 * Removes every temporary file an AtomicFile or produceAtomically is still writing, for a
 * command stopped by a signal: the finished outputs stay, nothing half-written is left.
 */
export function removeOpenTemporaries(): void {
  for (const temporary of openTemporaries) rmSync(temporary, { force: true });
  openTemporaries.clear();
}

/** A file that could not be written (or its folder made), said in words: `message` names the file, `hint` says what to do. */
export class FileWriteError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'FileWriteError';
  }
}

function writeError(error: unknown, path: string, action: 'write' | 'create'): FileWriteError {
  if (error instanceof FileWriteError) return error;
  const { message, hint } = describeFileError(error, path, action);
  return new FileWriteError(message, hint, (error as NodeJS.ErrnoException)?.code);
}

/** Makes the folder `dir` (and its parents); a FileWriteError in words when it cannot be made. */
export function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw writeError(error, dir, 'create');
  }
}

/**
 * A file written under a temporary name in its own folder and renamed into place by
 * `commit()`: a reader never sees half of it, and `abort()` — or any failed write —
 * removes the temporary file. The temporary is created exclusively, so a file or link
 * already at that name is never written through. Every failure is a FileWriteError.
 */
export class AtomicFile {
  readonly temporary: string;
  private fd?: number;

  constructor(readonly path: string) {
    makeFolder(dirname(path));
    // A folder where the file is to go is found now, not after the whole run.
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
      throw writeError(Object.assign(new Error(), { code: 'EISDIR' }), path, 'write');
    this.temporary = `${path}.${process.pid}.${++temporaryCounter}.tmp`;
    try {
      this.fd = openSync(this.temporary, 'wx');
    } catch (error) {
      throw writeError(error, path, 'write');
    }
    openTemporaries.add(this.temporary);
  }

  write(bytes: Uint8Array | string): void {
    if (this.fd === undefined) return;
    const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    try {
      for (let done = 0; done < data.length;) done += writeSync(this.fd, data, done, data.length - done);
    } catch (error) {
      this.abort();
      throw writeError(error, this.path, 'write');
    }
  }

  commit(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
      this.fd = undefined;
      renameSync(this.temporary, this.path);
      openTemporaries.delete(this.temporary);
    } catch (error) {
      this.abort();
      throw writeError(error, this.path, 'write');
    }
  }

  abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* already failed: the file is removed below */
      }
      this.fd = undefined;
    }
    rmSync(this.temporary, { force: true });
    openTemporaries.delete(this.temporary);
  }
}

/**
 * For a library that writes a file by its name (exceljs): `produce` writes the temporary
 * path given to it, which is then renamed to `file`; on any failure the temporary is
 * removed and a FileWriteError in words is thrown.
 */
export async function produceAtomically(file: string, produce: (temporary: string) => Promise<void>): Promise<void> {
  makeFolder(dirname(file));
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory())
    throw writeError(Object.assign(new Error(), { code: 'EISDIR' }), file, 'write');
  const temporary = `${file}.${process.pid}.${++temporaryCounter}.tmp`;
  openTemporaries.add(temporary);
  try {
    await produce(temporary);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw (error as NodeJS.ErrnoException)?.code ? writeError(error, file, 'write') : error;
  } finally {
    openTemporaries.delete(temporary);
  }
}

/** Writes `file` whole through an AtomicFile; a FileWriteError in words on failure, with no temporary file left. */
export function writeAtomically(file: string, bytes: Uint8Array | string): void {
  const atomic = new AtomicFile(file);
  atomic.write(bytes);
  atomic.commit();
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
  const what: Record<string, () => [string, string]> = {
    EACCES: () => [
      t('io.EACCES', { action, path }),
      action === 'read' ? t('file.not-readable.permission.hint') : t('io.EACCES.write.hint'),
    ],
    EPERM: () => [t('io.EPERM', { action, path }), t('io.EPERM.hint')],
    EISDIR: () => [t('io.EISDIR', { path }), t('io.EISDIR.hint')],
    ENOTDIR: () => [t('io.ENOTDIR', { path }), t('io.ENOTDIR.hint')],
    EEXIST: () => [t('io.EEXIST', { path }), t('io.EEXIST.hint')],
    ENOSPC: () => [t('io.ENOSPC', { path }), t('io.diskFull.hint')],
    EDQUOT: () => [t('io.EDQUOT', { path }), t('io.diskFull.hint')],
    EFBIG: () => [t('io.EFBIG', { path }), t('io.EFBIG.hint')],
    EROFS: () => [t('io.EROFS', { path }), t('io.EROFS.hint')],
    ENOENT: () => [t('io.ENOENT', { path }), t('io.ENOENT.hint')],
    ENAMETOOLONG: () => [t('io.ENAMETOOLONG', { path }), t('io.ENAMETOOLONG.hint')],
  };
  const [message, hint] = (code && Object.hasOwn(what, code) && what[code]()) || [
    t('io.other', { path, action: action === 'read' ? 'read' : 'write', code: code ? ` (${code})` : '' }),
    t('io.other.hint'),
  ];
  return { message, hint };
}
