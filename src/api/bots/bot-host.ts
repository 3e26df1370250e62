// The bots of a running platform: the manager over the store's bots table and the host's accounts, started in the background, closed before the exchange.
import type { Logger } from 'pino';
import { BotManager } from '../../bots/index.ts';
import { BotsRepo, type Store } from '../../store/index.ts';
import { InProcessMarketData } from '../clients/in-process-client.ts';
import type { ApiContext } from '../context.ts';
import { HostBotAccounts } from './bot-accounts.ts';
import { ensureLivingMarket, loadLivingMarket, type LivingMarket } from './living-market.ts';

export interface BotsConfig {
  /** Worker threads for bots; default the number of CPUs, 0 runs them inline on the server's thread. */
  readonly workers?: number;
  /** Start the saved bots whose desired state is running (default true); off, they keep that state for the next start. */
  readonly resume?: boolean;
  /** The living market's bots file; none by default (the `bourse start` command passes config/bots.json). */
  readonly livingMarket?: string | URL;
  /** Starting cash of a bot that names none (default "10000", in the risk currency). */
  readonly defaultCash?: string;
  /** Bots a trader may keep (default 50); admins and the living market have no cap. */
  readonly maxBotsPerTrader?: number;
}

export class BotHost {
  private started: Promise<void> | undefined;
  private closing = false;

  private constructor(
    readonly manager: BotManager,
    private readonly market: LivingMarket | undefined,
    private readonly config: BotsConfig,
    private readonly logger: Logger,
  ) {}

  /** Reads the saved bots (and the living market's file, so a broken one stops start-up); runs nothing yet. */
  static async open(ctx: () => ApiContext, store: Store, config: BotsConfig, logger: Logger): Promise<BotHost> {
    // Public market data, one subscription per symbol and worker thread for all its bots; made on first use, once the context exists.
    let marketPort: InProcessMarketData | undefined;
    const marketData = () => (marketPort ??= new InProcessMarketData(ctx()));
    const manager = new BotManager({
      registry: new BotsRepo(store.db),
      accounts: new HostBotAccounts(ctx),
      defaultCash: config.defaultCash,
      maxBotsPerOwner: config.maxBotsPerTrader,
      pool: {
        workers: config.workers,
        market: { ticks: (symbol, deliver) => marketData().ticks(symbol, deliver), bars: (symbol, interval, deliver) => marketData().bars(symbol, interval, deliver) },
        log: (botId, entry) => {
          const line = { bot: botId, strategy: entry.strategy, ...entry.fields };
          // Refusals are routine for bots (a post-only quote that would take); only errors are worth a line by default.
          if (entry.level === 'error') logger.warn(line, entry.message);
          else logger.debug(line, entry.message);
        },
      },
    });
    await manager.load();
    const market = config.livingMarket === undefined ? undefined : await loadLivingMarket(config.livingMarket);
    return new BotHost(manager, market, config, logger);
  }

  /** In the background: the living market made or topped up, then the saved bots resumed. */
  start(ctx: ApiContext): void {
    this.started = (async () => {
      if (this.market) await ensureLivingMarket(ctx, this.manager, this.market, this.logger, () => this.closing);
      if ((this.config.resume ?? true) && !this.closing) await this.manager.resume();
    })().catch((error: unknown) => this.logger.error({ err: error }, 'bots did not start'));
  }

  /** Waits for the start in progress, then stops every bot (their desired states stay for the next start). */
  async close(): Promise<void> {
    this.closing = true;
    await this.started;
    await this.manager.close();
  }
}
