// The order ticket's state: every order kind the ticket offers, which fields and time-in-force choices each kind has, and the rules that keep them consistent.
import type { SessionSchedule, Side, TimeInForce } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';

/** The five engine order types plus the two groups the API places in one request. */
export type TicketKind = 'limit' | 'market' | 'stop' | 'stop_limit' | 'trailing_stop' | 'oco' | 'bracket';
export type TrailBy = 'amount' | 'percent';
export type EntryType = 'limit' | 'market';

export const TICKET_KINDS: readonly { readonly value: TicketKind; readonly label: string }[] = [
  { value: 'limit', label: 'Limit' },
  { value: 'market', label: 'Market' },
  { value: 'stop', label: 'Stop' },
  { value: 'stop_limit', label: 'Stop limit' },
  { value: 'trailing_stop', label: 'Trailing stop' },
  { value: 'oco', label: 'OCO (one cancels other)' },
  { value: 'bracket', label: 'Bracket' },
];

export const TIF_LABELS: Readonly<Record<TimeInForce, string>> = { gtc: 'GTC', day: 'DAY', gtd: 'GTD', ioc: 'IOC', fok: 'FOK' };

/** What each time in force means, shown under the choice. */
export const TIF_HINTS: Readonly<Record<TimeInForce, string>> = {
  gtc: 'Good till cancelled.',
  day: 'Expires when the trading session ends.',
  gtd: 'Good till the date and time you pick.',
  ioc: 'Fills what it can at once; the rest is cancelled.',
  fok: 'Fills entirely at once or not at all.',
};

/**
 * The hint under the time in force: for DAY, when the instrument's session next closes (in the
 * browser's time, and as the exchange states it), while the listing's next close is still ahead.
 */
export function tifHint(tif: TimeInForce, session: SessionSchedule | undefined, now: number): string {
  if (tif !== 'day' || !session || session.nextClose <= now) return TIF_HINTS[tif];
  return `Expires when the trading session closes: ${formatDateTime(session.nextClose)} (${session.close} ${session.timeZone}).`;
}

/** Every value is the text the user typed; numbers stay decimal strings until they are sent. */
export interface TicketForm {
  readonly side: Side;
  readonly kind: TicketKind;
  readonly qty: string;
  /** Limit price: limit, stop limit, the OCO's limit leg, a bracket's limit entry. */
  readonly price: string;
  /** Trigger price: stop, stop limit, the OCO's stop leg. */
  readonly stopPrice: string;
  /** The OCO stop leg's limit price; empty makes that leg a stop-market order. */
  readonly stopLimitPrice: string;
  readonly trailBy: TrailBy;
  /** Trailing distance in price units or in percent, by `trailBy`. */
  readonly trail: string;
  readonly entryType: EntryType;
  readonly takeProfitPrice: string;
  readonly stopLossPrice: string;
  /** Empty makes the bracket's stop-loss a stop-market order. */
  readonly stopLossLimitPrice: string;
  readonly tif: TimeInForce;
  /** GTD expiry as an <input type="datetime-local"> value ("2030-01-31T17:30"), in local time. */
  readonly expireAt: string;
  readonly postOnly: boolean;
  readonly clientOrderId: string;
}

export type TicketField = keyof TicketForm;
export type TicketErrors = Partial<Record<TicketField, string>>;

export const EMPTY_TICKET: TicketForm = {
  side: 'buy',
  kind: 'limit',
  qty: '',
  price: '',
  stopPrice: '',
  stopLimitPrice: '',
  trailBy: 'amount',
  trail: '',
  entryType: 'limit',
  takeProfitPrice: '',
  stopLossPrice: '',
  stopLossLimitPrice: '',
  tif: 'gtc',
  expireAt: '',
  postOnly: false,
  clientOrderId: '',
};

/**
 * The time-in-force choices that make sense for a kind. Market orders never rest (IOC, FOK); stops
 * rest until triggered (GTC, DAY, GTD); OCO legs may not be IOC or FOK (the engine's INVALID_GROUP).
 */
export function tifOptions(kind: TicketKind, entryType: EntryType): readonly TimeInForce[] {
  switch (kind) {
    case 'market':
      return ['ioc', 'fok'];
    case 'limit':
      return ['gtc', 'day', 'gtd', 'ioc', 'fok'];
    case 'stop':
    case 'stop_limit':
    case 'trailing_stop':
    case 'oco':
      return ['gtc', 'day', 'gtd'];
    case 'bracket':
      return entryType === 'market' ? ['ioc', 'fok'] : ['gtc', 'day', 'gtd', 'ioc', 'fok'];
  }
}

/** Post-only applies to a resting limit order: a limit, the OCO's limit leg, or a bracket's limit entry. */
export function postOnlyAllowed(form: Pick<TicketForm, 'kind' | 'entryType' | 'tif'>): boolean {
  const limit = form.kind === 'limit' || form.kind === 'oco' || (form.kind === 'bracket' && form.entryType === 'limit');
  return limit && form.tif !== 'ioc' && form.tif !== 'fok';
}

/** Whether the form has a limit price field (and so takes a price from the book). */
export function hasLimitPrice(form: Pick<TicketForm, 'kind' | 'entryType'>): boolean {
  return form.kind === 'limit' || form.kind === 'stop_limit' || form.kind === 'oco' || (form.kind === 'bracket' && form.entryType === 'limit');
}

/** The fields the form shows (and validates and sends) for its kind and time in force. */
export function visibleFields(form: TicketForm): ReadonlySet<TicketField> {
  const fields = new Set<TicketField>(['side', 'kind', 'qty', 'tif', 'clientOrderId']);
  if (hasLimitPrice(form)) fields.add('price');
  if (form.kind === 'stop' || form.kind === 'stop_limit' || form.kind === 'oco') fields.add('stopPrice');
  if (form.kind === 'oco') fields.add('stopLimitPrice');
  if (form.kind === 'trailing_stop') {
    fields.add('trailBy');
    fields.add('trail');
  }
  if (form.kind === 'bracket') {
    for (const field of ['entryType', 'takeProfitPrice', 'stopLossPrice', 'stopLossLimitPrice'] as const) fields.add(field);
  }
  if (form.tif === 'gtd') fields.add('expireAt');
  if (postOnlyAllowed(form)) fields.add('postOnly');
  return fields;
}

/**
 * Applies a change and restores the rules: a time in force the kind offers, post-only only where it
 * applies. Leaving a kind that only trades at once (a market order, a bracket with a market entry)
 * for one that rests brings back the resting default: its IOC or FOK was the old kind's, not a
 * choice for the new one, and a limit order silently sent IOC would never rest.
 */
export function updateTicket(form: TicketForm, change: Partial<TicketForm>): TicketForm {
  const next = { ...form, ...change };
  const options = tifOptions(next.kind, next.entryType);
  const leftImmediateKind = change.tif === undefined && (next.kind !== form.kind || next.entryType !== form.entryType) && !tifOptions(form.kind, form.entryType).includes('gtc');
  const tif = options.includes(next.tif) && !leftImmediateKind ? next.tif : (options[0] ?? 'gtc');
  const withTif = { ...next, tif };
  return { ...withTif, postOnly: withTif.postOnly && postOnlyAllowed(withTif) };
}
