// Finding and starting the system Chromium. puppeteer is installed without its own
// browser (.puppeteerrc.cjs: skipDownload), so the machine's Chromium is used: the one
// PUPPETEER_EXECUTABLE_PATH names, or the first of the usual paths.
import { accessSync, constants } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer';

export const KNOWN_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** What Chromium needs on this machine (containers without a sandbox or GPU, no background traffic). */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const CHROMIUM_MISSING_MESSAGE =
  'no Chromium found to print the forms (looked at PUPPETEER_EXECUTABLE_PATH and ' + KNOWN_CHROMIUM_PATHS.join(', ') +
  '); install it: apt-get install -y chromium, or set PUPPETEER_EXECUTABLE_PATH';

export class ChromiumMissingError extends Error {
  constructor(detail?: string) {
    super(detail ? `${CHROMIUM_MISSING_MESSAGE} (${detail})` : CHROMIUM_MISSING_MESSAGE);
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

export async function launchChromium(executablePath = findChromium()): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    // A batch of a thousand forms must not be killed by puppeteer's default 30 s protocol timeout.
    protocolTimeout: 120_000,
  });
}
