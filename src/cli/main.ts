// The `bourse` command line.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { backtestCommand } from './backtest-command.ts';
import { botsCommand } from './bots-command.ts';
import { demoCommand } from './demo-command.ts';
import { exportCommand } from './export-command.ts';
import { generateCommand } from './generate-command.ts';
import { importCommand } from './import-command.ts';
import { leaderboardCommand } from './leaderboard-command.ts';
import { optimizeCommand } from './optimize-command.ts';
import { riskCommand } from './risk-command.ts';
import { runCommand } from './run-command.ts';
import { describeError } from './options.ts';
import { startCommand } from './start-command.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
// Output piped into `head` and the like may close early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command().name('bourse').description('Self-hostable trading platform').version(version);
startCommand(program, version);
demoCommand(program);
leaderboardCommand(program);
importCommand(program);
exportCommand(program);
generateCommand(program);
botsCommand(program);
riskCommand(program);
backtestCommand(program);
optimizeCommand(program);
runCommand(program);

try {
  await program.parseAsync();
} catch (error) {
  console.error(`error: ${describeError(error)}`);
  process.exitCode = 1;
}
