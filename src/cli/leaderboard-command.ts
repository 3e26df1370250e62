// `bourse leaderboard`: the ranking of a running Bourse, as a table.
import type { Command } from 'commander';
import { wholeNumber } from './options.ts';
import { fixedPlaces, formatTable } from './table.ts';

interface Row {
  rank: number;
  username: string;
  equity: string;
  returnPercent: string;
  maxDrawdownPercent: string;
  sharpe: string | null;
  trades: number;
}

export function leaderboardCommand(program: Command): void {
  program
    .command('leaderboard')
    .description('show every participant of a running Bourse ranked by equity (cash plus holdings at the last price)')
    .option('--url <url>', 'the server (env BOURSE_URL)', process.env.BOURSE_URL ?? 'http://127.0.0.1:8080')
    .option('--limit <n>', 'rows to show', wholeNumber(1, 100_000), 20)
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { url: string; limit: number; json?: boolean }) => {
      const response = await fetch(new URL('/api/v1/leaderboard', options.url)).catch((error: unknown) => {
        throw new Error(`cannot reach Bourse at ${options.url}; is it running? (npm start)`, { cause: error });
      });
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      const { rows, currency } = (await response.json()) as { rows: Row[]; currency: string };
      const shown = rows.slice(0, options.limit);
      if (options.json) return console.log(JSON.stringify(shown, null, 2));
      const header = ['#', 'participant', `equity (${currency})`, 'return %', 'max DD %', 'Sharpe', 'trades'];
      const lines = shown.map((r) => [String(r.rank), r.username, fixedPlaces(r.equity, 2), fixedPlaces(r.returnPercent, 2), fixedPlaces(r.maxDrawdownPercent, 2), r.sharpe === null ? '—' : fixedPlaces(r.sharpe, 2), String(r.trades)]);
      for (const line of formatTable(header, lines, [1])) console.log(line);
      if (rows.length > shown.length) console.log(`... and ${rows.length - shown.length} more (--limit)`);
    });
}
