// The order ticket: buy/sell, every order kind, what it costs or brings in with the maker or taker fee, client-side checks before sending, the server's refusal after, a notice on acceptance.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Panel } from '../../components/card.tsx';
import { cx } from '../../components/cx.ts';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useSubmit } from '../../hooks/use-submit.ts';
import { api, type ApiError, type Asset, type Balance, type Instrument, type Order, type Side } from '../../lib/api.ts';
import type { BookState } from '../../lib/book.ts';
import { signOf } from '../../lib/decimal.ts';
import { formatDecimal, formatPrice, formatQty } from '../../lib/format.ts';
import { placedNotice } from './order-text.ts';
import { buyHoldPrice, cashText, estimateBasis, estimateTicket, heldText, fractionOfQty, maxAffordableQty, type Estimate } from './ticket-estimate.ts';
import { holdShortfall, ticketHold, type Shortfall } from './ticket-hold.ts';
import { ticketFieldId, TicketFields } from './ticket-fields.tsx';
import { EMPTY_TICKET, hasLimitPrice, updateTicket, visibleFields, type TicketErrors, type TicketField, type TicketForm } from './ticket-form.ts';
import { buildTicketRequest, refusalNote, ticketFieldOfCode, ticketFieldOfPath } from './ticket-request.ts';
import { validateTicket } from './ticket-validation.ts';
import { TransferDialog } from '../trading/transfer-dialog.tsx';

/** A price pressed in the book, or a side chosen elsewhere; `at` makes a repeat of the same value count. */
export interface TicketRequestFromOutside {
  readonly price?: string;
  readonly side?: Side;
  readonly at: number;
}

export interface OrderTicketProps {
  readonly instrument: Instrument;
  readonly quoteScale: number;
  /** The instrument's quote and base assets with their decimals, for the deposit dialog. */
  readonly assets: readonly Asset[];
  readonly book: BookState;
  readonly lastPrice: string | null | undefined;
  readonly balances: ReadonlyMap<string, Balance> | undefined;
  readonly request: TicketRequestFromOutside | undefined;
  /**
   * Called as a placement goes out, with its answer: the orders the server accepted (fills on arrival
   * included), or a rejection when it refused them. The ticket's own notice tells those fills.
   */
  readonly onPlacing: (answer: Promise<readonly Order[]>) => void;
  /** Set while an admin has halted the symbol: the ticket says so and sends nothing (the server would refuse it, INSTRUMENT_HALTED). */
  readonly halt?: { readonly reason: string | null };
  readonly className?: string;
}

/** Balances before the account's first arrive: the deposit dialog needs none to deposit. */
const NO_BALANCES: ReadonlyMap<string, Balance> = new Map();
const ignoreBalances = (): void => undefined;

interface PlaceAnswer {
  readonly order?: Order;
  readonly orders?: Order[];
  readonly replayed: boolean;
}

/** A single order answers `order`; an OCO or a bracket answers `orders`. */
function ordersOf(answer: PlaceAnswer): readonly Order[] {
  return answer.orders ?? (answer.order ? [answer.order] : []);
}

export function OrderTicket({ instrument, quoteScale, assets, book, lastPrice, balances, request, onPlacing, halt, className }: OrderTicketProps) {
  const toast = useToast();
  const [form, setForm] = useState<TicketForm>(EMPTY_TICKET);
  const [attempted, setAttempted] = useState(false);
  const [depositOpen, setDepositOpen] = useState(false);
  const closeDeposit = useCallback(() => setDepositOpen(false), []);
  const root = useRef<HTMLFormElement>(null);

  const submit = useSubmit(
    useCallback(async () => {
      const built = buildTicketRequest(form, { instrument, now: Date.now() });
      setAttempted(true);
      if (!built.ok) {
        // The first invalid field in the order the form shows them.
        const ids = new Set(Object.keys(built.errors).map((field) => ticketFieldId(field as TicketField)));
        const first = [...(root.current?.querySelectorAll<HTMLElement>('input, select') ?? [])].find((element) => ids.has(element.id));
        first?.focus();
        return;
      }
      const placing = api.post<PlaceAnswer>(built.request.path, built.request.body);
      onPlacing(placing.then((answer) => ordersOf(answer)));
      const answer = await placing;
      const orders = ordersOf(answer);
      const notice = placedNotice(orders, instrument, answer.replayed);
      toast.show(notice.text, notice.tone);
      setAttempted(false);
      // A client order id is unique for ever; the rest stays for the next order.
      setForm((current) => ({ ...current, clientOrderId: '' }));
    }, [form, instrument, toast, onPlacing]),
  );
  const { reset: resetSubmit, error: submitError } = submit;

  const change = useCallback(
    (patch: Partial<TicketForm>) => {
      setForm((current) => updateTicket(current, patch));
      if (submitError) resetSubmit();
    },
    [submitError, resetSubmit],
  );

  // A price pressed in the book fills the ticket's price (turning a market order into a limit).
  useEffect(() => {
    if (!request) return;
    if (request.side) {
      change({ side: request.side });
      root.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      document.getElementById(ticketFieldId('qty'))?.focus({ preventScroll: true });
    }
    const price = request.price;
    if (price === undefined) return;
    setForm((current) => {
      if (current.kind === 'stop') return updateTicket(current, { stopPrice: price });
      if (current.kind === 'bracket') return updateTicket(current, { entryType: 'limit', price });
      if (hasLimitPrice(current)) return updateTicket(current, { price });
      return updateTicket(current, { kind: 'limit', price });
    });
    // Only a new request counts, not a re-render.
  }, [request?.at]);

  const errors = useMemo<TicketErrors>(() => {
    const client = attempted ? validateTicket(form, { instrument, now: Date.now() }) : {};
    return { ...serverErrors(submitError, visibleFields(form)), ...client };
  }, [attempted, form, instrument, submitError]);

  const estimate = useMemo(() => estimateTicket(form, { instrument, quoteScale, book, lastPrice }), [form, instrument, quoteScale, book, lastPrice]);
  const payAsset = form.side === 'buy' ? instrument.quote : instrument.base;
  const available = balances?.get(payAsset)?.available ?? (balances ? '0' : undefined);
  const max = maxAffordableQty(form.side, available, form.side === 'buy' ? buyHoldPrice(form, lastPrice, instrument) : undefined, instrument);
  const sizes = (['0.25', '0.5', '0.75', '1'] as const).map((fraction) => ({ label: fraction === '1' ? 'Max' : `${Number(fraction) * 100}%`, qty: max && fractionOfQty(max, fraction, instrument.lotSize) }));
  const shortfall = holdShortfall(ticketHold(form, lastPrice, instrument, quoteScale), available);
  const quotes = { bid: book.bids[0]?.[0], ask: book.asks[0]?.[0], last: lastPrice };
  const buy = form.side === 'buy';

  return (
    <Panel title="Place an order" className={className}>
      {halt && (
        <section role="alert" aria-label="Trading halted" data-testid="halted-banner" className="mb-3 flex flex-col gap-1.5 rounded-md border border-down/60 bg-down/10 px-3 py-2.5 text-sm">
          <div className="flex items-center gap-2">
            <Badge tone="down">halted</Badge>
            <span className="font-semibold">Trading in {instrument.symbol} is halted</span>
          </div>
          {halt.reason && <p>{halt.reason}</p>}
          <p className="text-muted">New orders and changes are refused until it resumes; you can still cancel your open orders.</p>
        </section>
      )}
      <form ref={root} onSubmit={submit.onSubmit} noValidate aria-label="Order ticket" className="flex scroll-mt-14 flex-col gap-3">
        <div
          role="radiogroup"
          aria-label="Side"
          onKeyDown={(event) => {
            if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
            event.preventDefault();
            const side = form.side === 'buy' ? 'sell' : 'buy';
            change({ side });
            event.currentTarget.querySelector<HTMLButtonElement>(`[data-side="${side}"]`)?.focus();
          }}
          className="grid grid-cols-2 gap-1 rounded bg-bg p-0.5"
        >
          {(['buy', 'sell'] as const).map((side) => (
            <button
              key={side}
              type="button"
              role="radio"
              data-side={side}
              aria-checked={form.side === side}
              tabIndex={form.side === side ? 0 : -1}
              onClick={() => change({ side })}
              className={cx(
                'h-8 rounded text-sm font-semibold transition-colors',
                form.side === side ? (side === 'buy' ? 'bg-up-strong text-white' : 'bg-down-strong text-white') : 'text-muted hover:text-fg',
              )}
            >
              {side === 'buy' ? 'Buy' : 'Sell'}
            </button>
          ))}
        </div>

        <TicketFields form={form} errors={errors} instrument={instrument} onChange={change} quotes={quotes} sizes={sizes} />

        <Summary
          form={form}
          instrument={instrument}
          quoteScale={quoteScale}
          estimate={estimate}
          available={available}
          payAsset={payAsset}
          shortfall={shortfall}
          onDeposit={() => setDepositOpen(true)}
        />

        <ErrorBanner error={submit.error} />
        <Button type="submit" variant={buy ? 'buy' : 'sell'} busy={submit.busy} disabled={halt !== undefined} className="h-10 text-base">
          {buy ? 'Buy' : 'Sell'} {instrument.base}
        </Button>
      </form>
      {/* The balances channel brings the new balance to the ticket; the answer's copy is not needed here. */}
      <TransferDialog kind={depositOpen ? 'deposit' : null} assets={assets} balances={balances ?? NO_BALANCES} initialAsset={payAsset} onClose={closeDeposit} onDone={ignoreBalances} />
    </Panel>
  );
}

/** The server's refusal on the fields it concerns: validation issues by path, an engine reason code on its field. */
function serverErrors(error: ApiError | undefined, fields: ReadonlySet<TicketField>): TicketErrors {
  if (!error) return {};
  const out: TicketErrors = {};
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    const field = ticketFieldOfPath(path);
    if (field && fields.has(field)) out[field] ??= message;
  }
  const coded = ticketFieldOfCode(error.code);
  if (coded && fields.has(coded) && !out[coded]) out[coded] = refusalNote(error.code, error.details);
  return out;
}

interface SummaryProps {
  readonly form: TicketForm;
  readonly instrument: Instrument;
  readonly quoteScale: number;
  readonly estimate: Estimate | undefined;
  readonly available: string | undefined;
  readonly payAsset: string;
  /** What the order needs held beside the available balance, when that is short: the exchange would refuse it. */
  readonly shortfall: Shortfall | undefined;
  readonly onDeposit: () => void;
}

const BASIS: Record<Estimate['basis'], string> = {
  limit: 'at the limit price',
  book: 'average through the book now',
  trigger: 'at the stop price',
  last: 'at the last price',
};

function Summary({ form, instrument, quoteScale, estimate, available, payAsset, shortfall, onDeposit }: SummaryProps) {
  const buy = form.side === 'buy';
  // Before there is an estimate, the label assumes the dearer case.
  const liquidity = estimate?.liquidity ?? 'taker';
  const feePercent = formatDecimal(String((liquidity === 'maker' ? instrument.makerFeeBps : instrument.takerFeeBps) / 100), { places: 2 });
  const money = (value: string) => `${cashText(value, quoteScale)} ${instrument.quote}`;
  const amount = (value: string) => (buy ? cashText(value, quoteScale) : formatQty(value));
  const held = estimate && buy ? heldText(estimate, quoteScale) : undefined;
  // `note`: a muted line under the value (what a buy holds beyond its cost).
  const row = (label: string, value: string, strong = false, testId?: string, note?: string) => (
    <div className="flex items-baseline justify-between gap-2">
      <dt className="text-muted">{label}</dt>
      <dd className={cx('num text-right', strong && 'font-semibold text-fg')}>
        <span data-testid={testId}>{value}</span>
        {note && (
          <span data-testid={testId && `${testId}-note`} className="block font-normal text-muted">
            {note}
          </span>
        )}
      </dd>
    </div>
  );
  return (
    <div className="flex flex-col gap-1 rounded border border-line bg-bg/50 px-2.5 py-2 text-xs">
      <dl className="flex flex-col gap-1">
        <div className="flex items-baseline justify-between gap-2">
          <dt className="text-muted">Available</dt>
          <dd data-testid="ticket-available" className="num flex items-center gap-2">
            <span className={cx(shortfall && 'text-warn')}>{available === undefined ? '—' : buy ? money(available) : `${formatQty(available)} ${payAsset}`}</span>
            <button type="button" onClick={onDeposit} className="text-accent underline-offset-2 hover:underline">
              Deposit
            </button>
          </dd>
        </div>
        {row(`Est. price (${BASIS[estimate?.basis ?? estimateBasis(form)]})`, estimate ? formatPrice(estimate.price, instrument.tickSize) : '—', false, 'ticket-price')}
        {row('Value', estimate ? money(estimate.notional) : '—')}
        {row(`Fee (${liquidity} ${feePercent}%)`, estimate ? money(estimate.fee) : '—', false, 'ticket-fee')}
        {row(buy ? 'Est. cost' : 'Est. proceeds', estimate ? money(estimate.total) : '—', true, 'ticket-total', held)}
      </dl>
      {estimate && signOf(estimate.unfilled) > 0 && (
        <p className="text-warn">
          The book holds only {formatQty(estimate.qty, instrument.lotSize)} {instrument.base} on that side now; the rest would be cancelled.
        </p>
      )}
      {shortfall && (
        <p data-testid="ticket-shortfall" className="text-warn">
          More than your available {payAsset}: this order needs {amount(shortfall.held)} {payAsset} held; {amount(shortfall.available)} available. The exchange would refuse it.
        </p>
      )}
      {buy && (form.kind === 'market' || form.kind === 'stop' || form.kind === 'trailing_stop' || (form.kind === 'bracket' && form.entryType === 'market')) && (
        <p className="text-muted">A buy at market reserves cash up to the price band ({instrument.bandBps / 100}% above the reference).</p>
      )}
    </div>
  );
}

/** Shown instead of the ticket to visitors who are not logged in. */
export function LoginToTrade({ symbol, className }: { readonly symbol: string; readonly className?: string }) {
  const location = useLocation();
  return (
    <Panel title="Place an order" className={className}>
      <div className="flex flex-col items-start gap-3 text-sm">
        <p className="text-muted">Log in to trade {symbol}: place orders of every type and follow them in the book.</p>
        <div className="flex gap-2">
          <Link to="/login" state={{ from: location.pathname }} className="rounded bg-accent px-3 py-1.5 font-medium text-white hover:bg-accent/85">
            Log in
          </Link>
          <Link to="/register" className="rounded border border-line px-3 py-1.5 hover:bg-raised">
            Register
          </Link>
        </div>
      </div>
    </Panel>
  );
}
