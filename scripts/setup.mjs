#!/usr/bin/env node
// Sets up bagalau on a fresh machine, and does nothing when it is already set up:
//   1. Node 20 or newer;
//   2. the npm dependencies (npm ci), when node_modules is missing or older than package-lock.json;
//   3. the compiled CLI (dist/), when it is missing or older than src/ or schemas/;
//   4. the system programs the PDF forms need — Chromium (printing) and poppler-utils
//      (pdftotext/pdffonts/pdftoppm, for the tests) — with apt-get when run as root,
//      otherwise a message saying exactly what to install.
// Plain Node with no dependencies, because it runs before they are installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const quiet = process.argv.includes('--quiet');
const say = (message) => {
  if (!quiet) process.stdout.write(`setup: ${message}\n`);
};

function fail(message) {
  process.stderr.write(`setup: ${message}\n`);
  process.exit(2);
}

function run(command, args, env = {}) {
  say(`${command} ${args.join(' ')}`);
  try {
    execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  } catch {
    fail(`"${command} ${args.join(' ')}" failed; see the messages above`);
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 20)
  fail(
    `bagalau needs Node.js 20 or newer; this is ${process.version}. Install Node 20 (e.g. apt-get install nodejs from NodeSource) and run again.`,
  );

const installedMarker = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installedMarker) || statSync(installedMarker).mtimeMs < statSync(join(root, 'package-lock.json')).mtimeMs) {
  // puppeteer must not download a browser of its own: bagalau drives the system Chromium.
  run('npm', ['ci', '--no-audit', '--no-fund'], { PUPPETEER_SKIP_DOWNLOAD: 'true' });
} else say('npm dependencies are installed');

const builtMarker = join(root, 'dist', 'cli', 'main.js');
const sourcesChanged = Math.max(
  newestMtime(join(root, 'src')),
  newestMtime(join(root, 'schemas')),
  statSync(join(root, 'tsconfig.json')).mtimeMs,
);
if (!existsSync(builtMarker) || statSync(builtMarker).mtimeMs < sourcesChanged) {
  run('npx', ['tsc', '-p', 'tsconfig.build.json']);
} else say('the compiled CLI is up to date');

// Debian package → a program it provides, to tell whether it is installed.
const systemPackages = [
  { name: 'chromium', provides: ['chromium', 'chromium-browser'], why: 'prints the forms to PDF' },
  { name: 'poppler-utils', provides: ['pdftotext'], why: 'checks the PDFs in the tests' },
  // Only for the tests (npm test runs setup with --tests): opens the Excel workbooks as a user's office program would.
  ...(process.argv.includes('--tests')
    ? [{ name: 'libreoffice-calc', provides: ['soffice'], why: 'opens the Excel workbooks in the tests' }]
    : []),
];
const onPath = (program) => spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
const missing = systemPackages.filter(
  (p) =>
    !p.provides.some(onPath) &&
    !(p.name === 'chromium' && process.env.PUPPETEER_EXECUTABLE_PATH && existsSync(process.env.PUPPETEER_EXECUTABLE_PATH)),
);
if (missing.length === 0) say(`${systemPackages.map((p) => p.name).join(', ')} installed`);
else if (process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0 && onPath('apt-get')) {
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing.map((p) => p.name)], { DEBIAN_FRONTEND: 'noninteractive' });
} else {
  fail(
    `missing system packages: ${missing.map((p) => `${p.name} (${p.why})`).join(', ')}.\n` +
      `Install them as root and run again:\n  sudo apt-get update && sudo apt-get install -y ${missing.map((p) => p.name).join(' ')}\n` +
      'or point PUPPETEER_EXECUTABLE_PATH at a Chromium or Chrome binary.',
  );
}
