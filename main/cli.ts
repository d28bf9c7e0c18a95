#!/usr/bin/env node
// `bantin` command line. Each command lives in main/host/commands/<name>.ts and exports
// `run(options): Promise<number>` (the exit code); modules load lazily so `check` starts fast.
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { printable } from './core/printable.js';
import { trapStopSignals } from './host/stop-signals.js';

const program = new Command('bantin')
  .description('Kiosk player for public-information campaigns (screens and commune radio)')
  .showHelpAfterError();

const stationOption = () =>
  new Option('--station <dir>', 'station directory').default('.', 'the current directory');

async function runCommand(name: string, options: Record<string, unknown>): Promise<void> {
  try {
    const mod = (await import(`./host/commands/${name}.js`)) as {
      run(opts: Record<string, unknown>): Promise<number>;
    };
    const station = resolve(String(options['station'] ?? '.'));
    process.exitCode = await mod.run({ ...options, station });
  } catch (err) {
    // Commands report the problems they expect themselves; this is for the ones they did not.
    // An operator gets one readable line (and the details only when asked for), never a stack trace.
    const message = printable(err instanceof Error ? err.message : String(err));
    process.stderr.write(
      `bantin ${name}: lỗi nội bộ / internal error: ${message}\n` +
        (process.env['BANTIN_DEBUG'] ? `${err instanceof Error ? err.stack : ''}\n` : 'Set BANTIN_DEBUG=1 for details and report it.\n'),
    );
    process.exitCode = 2;
  }
}

/** `bantin <name>`, taking --station; its module (host/commands/<name>.ts) loads when it is run. */
const command = (name: string, description: string) =>
  program.command(name).description(description).addOption(stationOption()).action((opts) => runCommand(name, opts));

command('check', 'validate the station: playlists, sessions, media, station.yaml')
  .option('--json', 'print the problems as JSON');

command('timeline', 'print the plan without playing')
  .requiredOption('--from <T>', 'start, ISO 8601 (station zone when no offset)')
  .requiredOption('--to <T>', 'end, ISO 8601 (station zone when no offset)')
  .option('--json', 'print JSON');

command('bulletin', 'write a bulletin (normal, priority, emergency) into bulletins/, or end one with --end')
  .option('--level <level>', 'normal | priority | emergency')
  .option('--text <text>', 'the text: shown on screens, spoken when there is no audio')
  .option('--audio <file>', 'an audio file: under assets/, or a file that is copied into assets/bulletins/')
  .option('--title <title>', 'the title shown on screens')
  .option('--for <duration>', 'how long it lasts, e.g. 2h')
  .option('--until <T>', 'when it ends, ISO 8601 (station zone when no offset)')
  .option('--every <duration>', 'emergency: air again at this interval while it lasts')
  .option('--end <path>', 'end the bulletin at this path (as printed) now');

command('start', 'play: Electron if present, else Chromium in kiosk mode')
  .option('--port <n>', 'HTTP port (0 = any free port)', '0')
  .option('--headless', 'serve the pages without opening a window')
  .action((opts) => {
    // Before the player loads: a signal at any instant of start-up becomes a clean stop.
    trapStopSignals();
    return runCommand('start', opts);
  });

command('report', 'proof-of-play report')
  .requiredOption('--from <D>', 'first day, YYYY-MM-DD')
  .requiredOption('--to <D>', 'last day, YYYY-MM-DD')
  .addOption(new Option('--format <f>', 'output format').choices(['csv', 'html']).default('csv'));

command('test-transmitter', 'switch the radio transmitter on, wait, and off again')
  .option('--hold <seconds>', 'how long to keep it on', '5');

command('passwd', "set this machine's console password (read from standard input)");

command('install', 'start this station at login and restart it when it fails')
  .option('--headless', 'serve the pages without windows (a radio-only box)');

command('uninstall', 'undo bantin install');

command('status', 'what is set to start, on air now and next, and the last errors')
  .action((opts, cmd: Command) => runCommand('status', { ...opts, stationDefaulted: cmd.getOptionValueSource('station') === 'default' }));

await program.parseAsync(process.argv);
