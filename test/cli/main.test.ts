// `bagalau --help` lists every command without loading the commands' modules (most of the
// start-up time): what it lists must be what the commands themselves say.
import { describe, expect, it } from 'vitest';
import { buildProgram, buildProgramFor, commandSummaries, main } from '../../src/cli/main.js';
import { capturingIo } from '../helpers/cli.js';

const io = () => capturingIo({ columns: 100 });

describe('the command list', () => {
  it('is the same with no command module loaded as with all of them', async () => {
    const summary = await buildProgramFor(io().io, ['--help']);
    const full = await buildProgram(io().io);
    expect(summary.helpInformation()).toBe(full.helpInformation());
    expect(full.commands.map((c) => c.name()).sort()).toEqual(Object.keys(commandSummaries).sort());
  });

  it('a command named on the line is the real one: its own help, and a typo is still told', async () => {
    const help = io();
    expect(await main(['validate', '--help'], help.io)).toBe(0);
    expect(help.text.out + help.text.err).toContain('--json');
    const typo = io();
    expect(await main(['valdate', 'x.yaml'], typo.io)).toBe(2);
    expect(typo.text.out + typo.text.err).toContain('(Did you mean validate?)');
  });
});
