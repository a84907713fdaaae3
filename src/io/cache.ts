// What bagalau computes from files alone and would compute again on every run — the
// methodology read, resolved, validated and linted (a fifth of a second), the calendar read
// and checked (as much), the JSON Schemas compiled — kept between runs in the user's cache
// folder, outside the bagalau folder: $BAGALAU_CACHE_DIR, else $XDG_CACHE_HOME/bagalau,
// else ~/.cache/bagalau (BAGALAU_CACHE_DIR=off keeps nothing). An entry is found by the
// SHA-256 of the files it was computed from and of bagalau's own code and schemas (their
// sizes and times), and is used only if every file it was computed from still has the same
// content. The folder can be deleted at any time: what is missing is computed again.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The cache folder, or undefined when caching is off. */
export function cacheDirectory(): string | undefined {
  const given = process.env.BAGALAU_CACHE_DIR;
  if (given === 'off') return undefined;
  if (given) return resolve(given);
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg) return join(xdg, 'bagalau');
  const home = homedir();
  return home ? join(home, '.cache', 'bagalau') : undefined;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The code's folder (dist/ or src/) and the schemas: their names, sizes and times, hashed once per process. */
let codeFingerprint: string | undefined;
function fingerprint(): string {
  if (codeFingerprint) return codeFingerprint;
  const code = join(dirname(fileURLToPath(import.meta.url)), '..');
  const hash = createHash('sha256');
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else {
        const { size, mtimeMs } = statSync(path);
        hash.update(`${path} ${size} ${mtimeMs}\n`);
      }
    }
  };
  visit(code);
  visit(join(code, '..', 'schemas'));
  return (codeFingerprint = hash.digest('hex'));
}

/** Files above this are not hashed: methodologies and calendars may be 2 MiB. */
const MAX_HASHED_BYTES = 4 << 20;

function isSmallFile(path: string): boolean {
  try {
    const stats = statSync(path);
    return stats.isFile() && stats.size <= MAX_HASHED_BYTES;
  } catch {
    return false;
  }
}

interface Entry<T> {
  /** The files the value was computed from, with the SHA-256 of their content then. */
  files: { path: string; sha256: string }[];
  value: T;
}

/**
 * The value computed from `file` (and the files `compute` names, e.g. those it extends):
 * from the cache when those files have not changed, else computed and kept. `compute`
 * returns undefined for a value not to keep (one with errors, which are reported with
 * their positions by computing it).
 */
export function cachedByContent<T>(kind: string, file: string, compute: () => { value: T; files: string[] } | undefined): T | undefined {
  const directory = cacheDirectory();
  // Only a regular file of a readable size is hashed (a device or a huge file is the loader's to refuse, with its words).
  if (!directory || !isSmallFile(file)) return compute()?.value;
  let entryFile: string;
  try {
    entryFile = join(directory, `${kind}-${sha256(`${fingerprint()}\n${resolve(file)}\n${sha256(readFileSync(file))}`).slice(0, 32)}.json`);
    const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as Entry<T>;
    if (entry.files.every((f) => isSmallFile(f.path) && sha256(readFileSync(f.path)) === f.sha256)) return entry.value;
  } catch {
    // Not kept yet, kept by another version, unreadable, or a file gone: computed below.
  }
  const computed = compute();
  if (!computed || !computed.files.every(isSmallFile)) return computed?.value;
  try {
    const entry: Entry<T> = {
      files: [...new Set([file, ...computed.files].map((f) => resolve(f)))].map((path) => ({ path, sha256: sha256(readFileSync(path)) })),
      value: computed.value,
    };
    mkdirSync(directory, { recursive: true });
    const temporary = `${entryFile!}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, entryFile!);
  } catch {
    // A folder that cannot be written: nothing kept, the value is still right.
  }
  return computed.value;
}
