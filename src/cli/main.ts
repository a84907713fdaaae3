// bagalau's command line: a thin layer over the stages. This is the only place that
// reads the clock (for defaults such as "today") and sets exit codes.
import { Command, CommanderError } from 'commander';
import { DateTime } from 'luxon';
import { registerMethodologyCommands } from './methodologyCommands.js';
import { ExitCode } from './output.js';

export function buildProgram(today: () => string = () => DateTime.now().setZone('Asia/Almaty').toISODate()!): Command {
  const program = new Command('bagalau')
    .description('Rules-as-configuration engine for the performance evaluation of corps "B" civil servants of Kazakhstan')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerMethodologyCommands(program, today);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.clean : ExitCode.unusable;
    }
    process.stderr.write(`bagalau: ${(error as Error).message}\n`);
    return ExitCode.unusable;
  }
  return Number(process.exitCode ?? 0);
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
