// `bourse leaderboard`: the ranking of a running Bourse, as a table.
import type { Command } from 'commander';
import { MISSING_FIGURE } from '../core/figures.ts';
import { MAX_PAGE_LIMIT } from '../store/cursor.ts';
import { serverUrlOption } from './connection.ts';
import { wholeNumber } from './options.ts';
import { RestClient } from './rest-client.ts';
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

interface LeaderboardPage {
  rows: Row[];
  currency: string;
  nextCursor: string | null;
}

/** Every row, in the API's largest pages, so the count of rows not shown is the whole remainder. */
async function everyRow(client: RestClient): Promise<{ rows: Row[]; currency: string }> {
  const rows: Row[] = [];
  let currency: string;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(MAX_PAGE_LIMIT), ...(cursor === null ? {} : { cursor }) });
    const page: LeaderboardPage = await client.publicGet<LeaderboardPage>(`/api/v1/leaderboard?${query.toString()}`);
    rows.push(...page.rows);
    currency = page.currency;
    cursor = page.nextCursor ?? null;
  } while (cursor !== null);
  return { rows, currency };
}

export function leaderboardCommand(program: Command): void {
  program
    .command('leaderboard')
    .description('show every participant of a running Bourse ranked by equity (cash plus holdings at the last price)')
    .addOption(serverUrlOption())
    .option('--limit <n>', 'rows to show', wholeNumber(1, 100_000), 20)
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { url: string; limit: number; json?: boolean }) => {
      const { rows, currency } = await everyRow(new RestClient(options.url, {}));
      const shown = rows.slice(0, options.limit);
      if (options.json) return console.log(JSON.stringify(shown, null, 2));
      const header = ['#', 'participant', `equity (${currency})`, 'return %', 'max DD %', 'Sharpe', 'trades'];
      const lines = shown.map((r) => [String(r.rank), r.username, fixedPlaces(r.equity, 2), fixedPlaces(r.returnPercent, 2), fixedPlaces(r.maxDrawdownPercent, 2), r.sharpe === null ? MISSING_FIGURE : fixedPlaces(r.sharpe, 2), String(r.trades)]);
      for (const line of formatTable(header, lines, [1])) console.log(line);
      if (rows.length > shown.length) console.log(`... and ${rows.length - shown.length} more (--limit)`);
    });
}
