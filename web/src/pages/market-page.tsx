// Market screen (/markets/:symbol): chart, order book, recent trades, the 24h ticker, the order ticket (under a banner while the kill switch is on, saying so while the symbol is halted) and the viewer's open orders of one symbol, all live.
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Panel } from '../components/card.tsx';
import { cx } from '../components/cx.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { Page } from '../components/page.tsx';
import { Spinner } from '../components/spinner.tsx';
import { Tabs } from '../components/tabs.tsx';
import { useToast } from '../components/toasts.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useAuth } from '../hooks/use-auth.tsx';
import { useMediaQuery } from '../hooks/use-media-query.ts';
import { api, type Asset, type FillEvent, type Instrument, type Order, type Side } from '../lib/api.ts';
import { compareDecimal } from '../lib/decimal.ts';
import type { OwnPrices } from '../features/market/book-ladder.ts';
import { FillNotices, fillText } from '../features/market/fill-notices.ts';
import { MarketHeader, MarketSwitch } from '../features/market/market-header.tsx';
import { OpenOrders } from '../features/market/open-orders.tsx';
import { OrderBook } from '../features/market/order-book.tsx';
import { LoginToTrade, OrderTicket, type TicketRequestFromOutside } from '../features/market/order-ticket.tsx';
import { PriceChart } from '../features/market/price-chart.tsx';
import { TradeTape } from '../features/market/trade-tape.tsx';
import { useBook, useTicker, useTrades } from '../features/market/use-market-data.ts';
import { useMyMarket } from '../features/market/use-my-market.ts';
import { useTradingStatus } from '../features/market/use-trading-status.ts';
import { KillSwitchBanner } from '../features/risk/kill-switch-banner.tsx';

type PhoneTab = 'chart' | 'book' | 'trades';
const PHONE_TABS = [
  { id: 'chart', label: 'Chart' },
  { id: 'book', label: 'Book' },
  { id: 'trades', label: 'Trades' },
] as const;
const TICKET_ID = 'order-ticket';

export function MarketPage() {
  const { symbol = '' } = useParams();
  const instruments = useApi((signal) => api.get<{ instruments: Instrument[] }>('/api/v1/instruments', undefined, signal), []);
  const assets = useApi((signal) => api.get<{ assets: Asset[] }>('/api/v1/assets', undefined, signal), []);
  const instrument = instruments.data?.instruments.find((i) => i.symbol === symbol);

  if (instruments.error) {
    return (
      <Page title={symbol}>
        <ErrorBanner error={instruments.error} onRetry={() => void instruments.refetch()} />
      </Page>
    );
  }
  if (!instruments.data) {
    return (
      <Page title={symbol}>
        <Spinner label={`Loading ${symbol}`} />
      </Page>
    );
  }
  if (!instrument) {
    return (
      <Page title="Market not found">
        <p className="text-muted">
          {symbol} is not listed.{' '}
          <Link to="/" className="text-accent underline">
            See every market
          </Link>
          .
        </p>
      </Page>
    );
  }
  const quoteScale = assets.data?.assets.find((a) => a.code === instrument.quote)?.scale ?? 2;
  return <Market key={instrument.symbol} instrument={instrument} instruments={instruments.data.instruments} quoteScale={quoteScale} assets={assets.data?.assets} />;
}

interface MarketProps {
  readonly instrument: Instrument;
  readonly instruments: readonly Instrument[];
  readonly quoteScale: number;
  readonly assets: readonly Asset[] | undefined;
}

function Market({ instrument, instruments, quoteScale, assets }: MarketProps) {
  const symbol = instrument.symbol;
  // The two assets the ticket can deposit, with their decimals.
  const traded = useMemo(() => [instrument.quote, instrument.base].flatMap((code) => (assets ?? []).filter((asset) => asset.code === code)), [assets, instrument]);
  const toast = useToast();
  const { status } = useAuth();
  const loggedIn = status === 'authenticated';
  const wide = useMediaQuery('(min-width: 1024px)');
  const [tab, setTab] = useState<PhoneTab>('chart');
  const [ticketRequest, setTicketRequest] = useState<TicketRequestFromOutside | undefined>(undefined);

  const book = useBook(symbol);
  const trading = useTradingStatus(instrument);
  const tape = useTrades(symbol);
  const ticker = useTicker(symbol);
  // One notice per own fill; the toast API is stable, and the screen is keyed by its instrument.
  const [notices] = useState(() => new FillNotices((fill) => toast.show(fillText(fill, instrument), 'info')));
  const onFill = useCallback((fill: FillEvent) => notices.heard(fill), [notices]);
  const mine = useMyMarket(symbol, loggedIn, onFill);
  const { reloadOrders } = mine;
  const onPlacing = useCallback(
    (answer: Promise<readonly Order[]>) => {
      notices.placing(answer);
      answer.then(reloadOrders, () => undefined);
    },
    [notices, reloadOrders],
  );

  const [newest, previous] = tape.trades;
  const lastPrice = newest?.price ?? ticker?.lastPrice ?? instrument.lastPrice;
  const lastTick = newest && previous ? compareDecimal(newest.price, previous.price) : 0;

  // Prices where the viewer has a resting order, to mark them in the ladder.
  const own = useMemo<OwnPrices>(() => {
    const buy = new Set<string>();
    const sell = new Set<string>();
    for (const order of mine.orders ?? []) {
      if (order.price !== null && (order.status === 'open' || order.status === 'partially_filled')) (order.side === 'buy' ? buy : sell).add(order.price);
    }
    return { buy, sell };
  }, [mine.orders]);

  const toTicket = useCallback(
    (request: Omit<TicketRequestFromOutside, 'at'>) => {
      setTicketRequest({ ...request, at: Date.now() });
      if (!wide) document.getElementById(TICKET_ID)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
    [wide],
  );
  const pickPrice = useCallback((price: string) => toTicket({ price }), [toTicket]);
  const pickSide = (side: Side) => toTicket({ side });

  const chart = <PriceChart instrument={instrument} className={wide ? 'h-full min-h-[560px]' : 'h-[360px]'} />;
  const orderBook = (
    <Panel title="Order book" flush className={wide ? 'h-full' : undefined}>
      <OrderBook instrument={instrument} book={book} levels={wide ? 12 : 10} lastPrice={lastPrice} lastTick={lastTick} own={own} onPick={pickPrice} />
    </Panel>
  );
  const trades = (
    <Panel title="Recent trades" flush>
      <TradeTape instrument={instrument} tape={tape} rows={wide ? 20 : 24} />
    </Panel>
  );
  const ticket = (
    <div id={TICKET_ID} className="scroll-mt-14">
      {loggedIn && <KillSwitchBanner />}
      {loggedIn ? (
        <OrderTicket instrument={instrument} quoteScale={quoteScale} assets={traded} book={book} lastPrice={lastPrice} balances={mine.balances} request={ticketRequest} onPlacing={onPlacing} halt={trading.status === 'halted' ? { reason: trading.reason } : undefined} />
      ) : (
        <LoginToTrade symbol={symbol} />
      )}
    </div>
  );
  const openOrders = loggedIn && <OpenOrders instrument={instrument} orders={mine.orders} loading={mine.ordersLoading} error={mine.ordersError} onChanged={mine.reloadOrders} />;

  return (
    <Page title={symbol} actions={<MarketSwitch symbol={symbol} instruments={instruments} />} className={cx(!wide && 'pb-20')}>
      <MarketHeader instrument={instrument} ticker={ticker} lastPrice={lastPrice} lastTick={lastTick} />
      {wide ? (
        <div className="grid grid-cols-[minmax(0,1fr)_264px_300px] gap-3 xl:grid-cols-[minmax(0,1fr)_300px_320px]">
          <div className="col-start-1 row-start-1 min-w-0">{chart}</div>
          <div className="col-start-2 row-start-1">{orderBook}</div>
          <div className="col-start-3 row-span-2 row-start-1">{ticket}</div>
          <div className="col-start-1 row-start-2 min-w-0">{openOrders}</div>
          <div className="col-start-2 row-start-2">{trades}</div>
        </div>
      ) : (
        <>
          <Tabs tabs={PHONE_TABS} selected={tab} onSelect={(id) => setTab(id as PhoneTab)} label={`${symbol} market data`}>
            {tab === 'chart' ? chart : tab === 'book' ? orderBook : trades}
          </Tabs>
          {ticket}
          {openOrders}
          {/* Phones: the ticket is one press away wherever the page is scrolled. */}
          <div role="region" aria-label="Quick trade" className="fixed inset-x-0 bottom-0 z-30 grid grid-cols-2 gap-2 border-t border-line bg-surface/95 p-2 backdrop-blur">
            <button type="button" onClick={() => pickSide('buy')} className="h-10 rounded bg-up-strong text-sm font-semibold text-white">
              Buy
            </button>
            <button type="button" onClick={() => pickSide('sell')} className="h-10 rounded bg-down-strong text-sm font-semibold text-white">
              Sell
            </button>
          </div>
        </>
      )}
    </Page>
  );
}
