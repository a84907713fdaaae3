// Finding and starting the system Chromium. puppeteer is installed without its own
// browser (.puppeteerrc.cjs: skipDownload), so the machine's Chromium is used: the one
// PUPPETEER_EXECUTABLE_PATH names, or the first of the usual paths.
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { t } from '../i18n/index.js';

export const KNOWN_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** What Chromium needs on this machine (containers without a sandbox or GPU, no background traffic). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class ChromiumMissingError extends Error {
  constructor(detail?: string) {
    const message = t('render.noChromium', { paths: KNOWN_CHROMIUM_PATHS.join(', ') });
    super(detail ? `${message} (${detail})` : message);
    this.name = 'ChromiumMissingError';
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to use, or a ChromiumMissingError that says how to install one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, candidates = KNOWN_CHROMIUM_PATHS): string {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    throw new ChromiumMissingError(`PUPPETEER_EXECUTABLE_PATH=${fromEnv} is not an executable file`);
  }
  const found = candidates.find(executable);
  if (!found) throw new ChromiumMissingError();
  return found;
}

type Launch = (typeof import('puppeteer'))['launch'];
let puppeteerLoaded: Promise<Launch> | undefined;

/**
 * puppeteer reads its own configuration when it is loaded (~/.config/puppeteer, and
 * .puppeteerrc files from the current folder up), and fails with a bare EACCES or ENOTDIR
 * when HOME cannot be read or is not a folder. bagalau sets every setting it needs itself
 * (the Chromium, no download), so with such a HOME puppeteer is loaded with HOME pointed at
 * an empty folder of its own for that moment: the forms print wherever HOME points.
 */
export function loadPuppeteer(): Promise<Launch> {
  return (puppeteerLoaded ??= (async () => {
    if (homeReadable()) return (await import('puppeteer')).launch;
    const emptyHome = mkdtempSync(join(tmpdir(), 'bagalau-home-'));
    const saved = process.env.HOME;
    process.env.HOME = emptyHome;
    try {
      return (await import('puppeteer')).launch;
    } finally {
      if (saved === undefined) delete process.env.HOME;
      else process.env.HOME = saved;
      rmSync(emptyHome, { recursive: true, force: true });
    }
  })());
}

/** Whether puppeteer's configuration folder under HOME can be looked for (absent is fine; unreadable, or under a file, is not). */
export function homeReadable(home = homedir()): boolean {
  try {
    statSync(join(home, '.config', 'puppeteer'));
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** The browsers this process started, with the profile folder each uses: closed and removed on SIGINT/SIGTERM too. */
const running = new Map<Browser, string>();

export async function launchChromium(executablePath = findChromium()): Promise<Browser> {
  // A profile folder of our own, so that an interrupted run can remove it (puppeteer's own
  // temporary profile is left behind when the process is killed).
  const profile = mkdtempSync(join(tmpdir(), 'bagalau-chromium-'));
  let browser: Browser;
  try {
    const launch = await loadPuppeteer();
    browser = await launch({
      executablePath,
      // Chromium keeps its own files (certificate store, caches) under HOME: here, in its
      // profile, so that it writes nothing into the user's folders and runs whatever HOME is.
      env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
      headless: true,
      args: CHROMIUM_ARGS,
      userDataDir: profile,
      // The command handles the signals itself (closeAllBrowsers), so that it can also
      // remove the profile and half-written files before it exits.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // A batch of a thousand forms must not be killed by puppeteer's default 30 s protocol timeout.
      protocolTimeout: 120_000,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  running.set(browser, profile);
  // Once Chromium has exited (its helpers write into the profile until then), its profile goes.
  const child = browser.process();
  child?.once('exit', () => {
    running.delete(browser);
    removeProfile(profile);
  });
  return browser;
}

function removeProfile(profile: string): void {
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // a file Chromium still held: the folder is under the system's temporary folder
  }
}

/**
 * Closes every browser this process started and removes their profiles: on an interrupted
 * render, nothing of Chromium survives. Falls back to killing the process if closing hangs.
 */
export async function closeAllBrowsers(): Promise<void> {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await Promise.all(
    [...running].map(async ([browser, profile]) => {
      const child = browser.process();
      const exited = child && child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve();
      await Promise.race([browser.close().catch(() => undefined), wait(3000)]);
      if (child && child.exitCode === null) child.kill('SIGKILL');
      // Chromium's helpers write into the profile until the browser has exited: remove it after.
      await Promise.race([exited, wait(3000)]);
      running.delete(browser);
      removeProfile(profile);
    }),
  );
}
