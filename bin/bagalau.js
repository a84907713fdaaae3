#!/usr/bin/env node
// Runs the compiled CLI (npm run build, done by the setup), so start-up stays fast.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write('bagalau: the compiled program is missing (dist/). Run "npm run setup" in the bagalau folder first.\n');
  process.exit(2);
}
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv.slice(2));
