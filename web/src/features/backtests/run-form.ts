// The run form's state (strategy, data, fills, latency, fees, cash) as typed text, its defaults from the data catalog, its checks, and the request it sends; also the form an earlier run's request describes.
import { isDecimal, signOf } from '../../lib/decimal.ts';
import { initialValues, paramText, readParams, type ParamField, type ParamValues } from '../bots/param-form.ts';
import type { BacktestRequest, CatalogInstrument, DataCatalog, DataKind, FillModel, RunFields, StoredSeries } from './backtest-types.ts';
import { fromLocalInput, readNumber, toLocalInput, type NumberRule } from './number-input.ts';

export type DataSource = 'synthetic' | 'stored';

/** Every field as the user typed it; numbers are text so a half-typed value survives. */
export interface RunForm {
  readonly strategy: string;
  readonly params: ParamValues;
  readonly symbol: string;
  readonly source: DataSource;
  // Synthetic data.
  readonly kind: DataKind;
  readonly interval: string;
  readonly count: string;
  readonly dataSeed: string;
  readonly start: string;
  readonly drift: string;
  readonly volatility: string;
  readonly startPrice: string;
  readonly jumps: boolean;
  readonly jumpsPerYear: string;
  readonly jumpMean: string;
  readonly jumpStdDev: string;
  readonly meanTradeGapMs: string;
  // Stored data: the series ("bars:1m", "trades:") and an optional range in local time.
  readonly series: string;
  readonly from: string;
  readonly to: string;
  // Execution.
  readonly fillModel: FillModel | '';
  readonly fillOnTouch: boolean;
  readonly slippageTicks: string;
  readonly slippageBps: string;
  readonly latencyMs: string;
  readonly jitterMs: string;
  readonly overrideFees: boolean;
  readonly makerBps: string;
  readonly takerBps: string;
  readonly cash: string;
  readonly seed: string;
}

export const DEFAULT_STRATEGY = 'examples/sma-crossover';
export const DEFAULT_COUNT = '50000';
export const DEFAULT_CASH = '10000';
export const BAR_INTERVALS = ['1s', '5s', '15s', '30s', '1m', '5m', '15m', '30m', '1h', '4h', '1d'] as const;

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "15m" -> 900000; undefined for anything else. */
export function intervalToMs(interval: string): number | undefined {
  const match = /^(\d+)([smhdw])$/.exec(interval.trim());
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : undefined;
}

/** How much time the synthetic data spans: count bars of the interval, or count trades at the mean gap. */
export function syntheticSpanMs(form: Pick<RunForm, 'kind' | 'interval' | 'count' | 'meanTradeGapMs'>): number | undefined {
  const count = readNumber(form.count, RULES.count).value;
  const step = form.kind === 'bars' ? intervalToMs(form.interval) : readNumber(form.meanTradeGapMs, RULES.meanTradeGapMs).value;
  return count === undefined || step === undefined ? undefined : count * step;
}

const MAX_SEED = 2 ** 32 - 1;
const MAX_FEE_BPS = 10_000;
const DAY_MS = 86_400_000;

export const RULES = {
  count: { integer: true, min: 1, required: true },
  seed: { integer: true, min: 0, max: MAX_SEED },
  drift: { min: -10, max: 10 },
  volatility: { min: 0, max: 10 },
  jumpsPerYear: { min: 0, max: 100_000, required: true },
  jumpMean: { min: -5, max: 5 },
  jumpStdDev: { min: 0, max: 5 },
  meanTradeGapMs: { min: 1, max: DAY_MS },
  slippageTicks: { integer: true, min: 0, max: 1_000_000 },
  slippageBps: { integer: true, min: 0, max: 10_000 },
  latencyMs: { integer: true, min: 0, max: DAY_MS },
  feeBps: { integer: true, min: 0, max: MAX_FEE_BPS, required: true },
} satisfies Record<string, NumberRule>;

/** The key of a stored series in the form: "bars:1m", "trades:". */
export function seriesKey(series: Pick<StoredSeries, 'kind' | 'interval'>): string {
  return `${series.kind}:${series.interval ?? ''}`;
}

/** The series of a symbol a backtest can replay (bars and trades of a listed symbol). */
export function storedSeriesOf(catalog: DataCatalog, symbol: string): StoredSeries[] {
  return catalog.stored.filter((s) => s.symbol === symbol && s.backtestable);
}

export function instrumentOf(catalog: DataCatalog, symbol: string): CatalogInstrument | undefined {
  return catalog.instruments.find((i) => i.symbol === symbol);
}

/** The kind of data the form describes. */
export function dataKind(form: RunForm, catalog: DataCatalog): DataKind {
  if (form.source === 'synthetic') return form.kind;
  const series = storedSeriesOf(catalog, form.symbol).find((s) => seriesKey(s) === form.series);
  return series?.kind === 'trades' ? 'trades' : 'bars';
}

/** A fresh form: the SMA crossover (or the first strategy) on the first symbol's synthetic bars. */
export function defaultForm(catalog: DataCatalog, strategies: readonly { id: string }[], fields: (strategyId: string) => readonly ParamField[]): RunForm {
  const strategy = strategies.some((s) => s.id === DEFAULT_STRATEGY) ? DEFAULT_STRATEGY : (strategies[0]?.id ?? '');
  const symbol = catalog.instruments[0]?.symbol ?? '';
  const d = catalog.synthetic.defaults;
  const stored = storedSeriesOf(catalog, symbol)[0];
  const instrument = instrumentOf(catalog, symbol);
  return {
    strategy,
    params: initialValues(fields(strategy)),
    symbol,
    source: 'synthetic',
    kind: d.kind,
    interval: d.interval,
    count: DEFAULT_COUNT,
    dataSeed: String(d.seed),
    start: toLocalInput(d.start),
    drift: String(d.drift),
    volatility: String(d.volatility),
    startPrice: '',
    jumps: false,
    jumpsPerYear: '12',
    jumpMean: String(catalog.synthetic.jumpDefaults.mean),
    jumpStdDev: String(catalog.synthetic.jumpDefaults.stdDev),
    meanTradeGapMs: String(d.meanTradeGapMs),
    series: stored ? seriesKey(stored) : '',
    from: '',
    to: '',
    fillModel: '',
    fillOnTouch: false,
    slippageTicks: '0',
    slippageBps: '0',
    latencyMs: '0',
    jitterMs: '0',
    overrideFees: false,
    makerBps: String(instrument?.makerFeeBps ?? 0),
    takerBps: String(instrument?.takerFeeBps ?? 0),
    cash: DEFAULT_CASH,
    seed: '1',
  };
}

/** The form after choosing another symbol: its first stored series, its fees as the override's start. */
export function withSymbol(form: RunForm, catalog: DataCatalog, symbol: string): RunForm {
  const stored = storedSeriesOf(catalog, symbol);
  const keep = stored.some((s) => seriesKey(s) === form.series);
  const instrument = instrumentOf(catalog, symbol);
  return {
    ...form,
    symbol,
    series: keep ? form.series : stored[0] ? seriesKey(stored[0]) : '',
    from: keep ? form.from : '',
    to: keep ? form.to : '',
    makerBps: form.overrideFees ? form.makerBps : String(instrument?.makerFeeBps ?? ''),
    takerBps: form.overrideFees ? form.takerBps : String(instrument?.takerFeeBps ?? ''),
  };
}

/** Problems by request path ("data.count", "latency.ms", "params.fast"), so the server's own land on the same fields. */
export type FormErrors = Record<string, string>;

class Reader {
  readonly errors: FormErrors = {};
  number(path: string, text: string, rule: NumberRule): number | undefined {
    const read = readNumber(text, rule);
    if (read.error !== undefined) this.errors[path] = read.error;
    return read.value;
  }
}

function positiveDecimal(text: string): boolean {
  return isDecimal(text) && signOf(text) > 0 && !/^[+-]/.test(text);
}

/** The fields a backtest and an optimization share, or the problems that keep the form from being sent. */
export function readRunFields(form: RunForm, catalog: DataCatalog): { readonly fields: RunFields | undefined; readonly errors: FormErrors } {
  const r = new Reader();
  if (!form.strategy) r.errors.strategy = 'Choose a strategy.';
  if (!instrumentOf(catalog, form.symbol)) r.errors.symbol = 'Choose a listed symbol.';
  const data = form.source === 'synthetic' ? readSynthetic(form, catalog, r) : readStored(form, catalog, r);
  const kind = dataKind(form, catalog);
  if (form.fillModel !== '') {
    const model = catalog.fillModels.find((m) => m.name === form.fillModel);
    if (!model || !model.kinds.includes(kind)) r.errors.fillModel = model?.kinds.length === 0 ? `${form.fillModel} needs recorded order book data.` : `${form.fillModel} cannot fill against ${kind}.`;
  }
  const slippageTicks = r.number('slippageTicks', form.slippageTicks, RULES.slippageTicks);
  const slippageBps = r.number('slippageBps', form.slippageBps, RULES.slippageBps);
  const latencyMs = r.number('latency.ms', form.latencyMs, RULES.latencyMs);
  const jitterMs = r.number('latency.jitterMs', form.jitterMs, RULES.latencyMs);
  const makerBps = form.overrideFees ? r.number('fees.makerBps', form.makerBps, RULES.feeBps) : undefined;
  const takerBps = form.overrideFees ? r.number('fees.takerBps', form.takerBps, RULES.feeBps) : undefined;
  const cash = form.cash.trim();
  if (!positiveDecimal(cash)) r.errors.cash = 'Enter an amount above 0, such as 10000.';
  const seed = r.number('seed', form.seed, RULES.seed);
  if (Object.keys(r.errors).length > 0 || !data) return { fields: undefined, errors: r.errors };
  const latency = (latencyMs ?? 0) > 0 || (jitterMs ?? 0) > 0 ? { ms: latencyMs ?? 0, jitterMs: jitterMs ?? 0 } : undefined;
  const fields: RunFields = {
    strategy: form.strategy,
    symbol: form.symbol,
    data,
    ...(form.fillModel !== '' ? { fillModel: form.fillModel } : {}),
    ...(slippageTicks !== undefined ? { slippageTicks } : {}),
    ...(slippageBps !== undefined ? { slippageBps } : {}),
    fillOnTouch: form.fillOnTouch,
    ...(latency ? { latency } : {}),
    ...(makerBps !== undefined && takerBps !== undefined ? { fees: { makerBps, takerBps } } : {}),
    cash,
    ...(seed !== undefined ? { seed } : {}),
  };
  return { fields, errors: r.errors };
}

function readSynthetic(form: RunForm, catalog: DataCatalog, r: Reader): RunFields['data'] | undefined {
  const count = r.number('data.count', form.count, { ...RULES.count, max: catalog.synthetic.maxCount });
  const seed = r.number('data.seed', form.dataSeed, RULES.seed);
  const drift = r.number('data.drift', form.drift, RULES.drift);
  const volatility = r.number('data.volatility', form.volatility, RULES.volatility);
  const start = form.start.trim() === '' ? undefined : fromLocalInput(form.start);
  if (form.start.trim() !== '' && start === undefined) r.errors['data.start'] = 'Enter a date and time.';
  else if (start !== undefined && start < 0) r.errors['data.start'] = 'Enter a date after 1970.';
  const startPrice = form.startPrice.trim();
  if (startPrice !== '' && !positiveDecimal(startPrice)) r.errors['data.startPrice'] = 'Enter a price above 0, or leave it empty.';
  const perYear = form.jumps ? r.number('data.jumps.perYear', form.jumpsPerYear, RULES.jumpsPerYear) : undefined;
  const mean = form.jumps ? r.number('data.jumps.mean', form.jumpMean, RULES.jumpMean) : undefined;
  const stdDev = form.jumps ? r.number('data.jumps.stdDev', form.jumpStdDev, RULES.jumpStdDev) : undefined;
  const gap = form.kind === 'trades' ? r.number('data.meanTradeGapMs', form.meanTradeGapMs, RULES.meanTradeGapMs) : undefined;
  if (count === undefined) return undefined;
  return {
    source: 'synthetic',
    kind: form.kind,
    ...(form.kind === 'bars' ? { interval: form.interval } : {}),
    count,
    ...(start !== undefined ? { start } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(drift !== undefined ? { drift } : {}),
    ...(volatility !== undefined ? { volatility } : {}),
    ...(perYear !== undefined ? { jumps: { perYear, ...(mean !== undefined ? { mean } : {}), ...(stdDev !== undefined ? { stdDev } : {}) } } : {}),
    ...(startPrice !== '' ? { startPrice } : {}),
    ...(gap !== undefined ? { meanTradeGapMs: gap } : {}),
  };
}

function readStored(form: RunForm, catalog: DataCatalog, r: Reader): RunFields['data'] | undefined {
  const series = storedSeriesOf(catalog, form.symbol).find((s) => seriesKey(s) === form.series);
  if (!series) {
    r.errors['data.source'] = `Nothing of ${form.symbol || 'this symbol'} is stored; use synthetic data or import some history.`;
    return undefined;
  }
  const from = form.from.trim() === '' ? undefined : fromLocalInput(form.from);
  const to = form.to.trim() === '' ? undefined : fromLocalInput(form.to);
  if (form.from.trim() !== '' && from === undefined) r.errors['data.from'] = 'Enter a date and time.';
  if (form.to.trim() !== '' && to === undefined) r.errors['data.to'] = 'Enter a date and time.';
  if (from !== undefined && to !== undefined && from >= to) r.errors['data.to'] = 'Must be after the start.';
  const kind = series.kind === 'trades' ? 'trades' : 'bars';
  return { source: 'stored', kind, ...(kind === 'bars' && series.interval ? { interval: series.interval } : {}), ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** A backtest request, or the problems (params under "params.<name>"). */
export function readBacktest(form: RunForm, catalog: DataCatalog, fields: readonly ParamField[]): { readonly request: BacktestRequest | undefined; readonly errors: FormErrors } {
  const run = readRunFields(form, catalog);
  const params = readParams(fields, form.params);
  const errors: FormErrors = { ...run.errors, ...prefixed(params.errors, 'params.') };
  if (!run.fields || Object.keys(errors).length > 0) return { request: undefined, errors };
  return { request: { ...run.fields, params: params.params }, errors };
}

export function prefixed(errors: Readonly<Record<string, string>>, prefix: string): FormErrors {
  return Object.fromEntries(Object.entries(errors).map(([key, message]) => [`${prefix}${key}`, message]));
}

const text = (value: number | string | undefined, fallback: string) => (value === undefined ? fallback : String(value));

/**
 * The form an earlier run's request describes (the server echoes it with its defaults filled in),
 * over `base` for anything the request leaves out; `params` replaces the request's own (an
 * optimization's trial).
 */
export function formFromRequest(base: RunForm, request: RunFields & { readonly params?: Readonly<Record<string, unknown>> }, fields: readonly ParamField[], params?: Readonly<Record<string, unknown>>): RunForm {
  const data = request.data;
  const form: RunForm = {
    ...base,
    strategy: request.strategy,
    params: initialValues(fields, params ?? request.params ?? {}),
    symbol: request.symbol,
    fillModel: request.fillModel ?? '',
    fillOnTouch: request.fillOnTouch ?? false,
    slippageTicks: text(request.slippageTicks, '0'),
    slippageBps: text(request.slippageBps, '0'),
    latencyMs: text(request.latency?.ms, '0'),
    jitterMs: text(request.latency?.jitterMs, '0'),
    overrideFees: request.fees !== undefined,
    makerBps: request.fees ? String(request.fees.makerBps) : base.makerBps,
    takerBps: request.fees ? String(request.fees.takerBps) : base.takerBps,
    cash: request.cash ?? DEFAULT_CASH,
    seed: text(request.seed, '1'),
  };
  if (data.source === 'stored') {
    return { ...form, source: 'stored', series: seriesKey({ kind: data.kind, interval: data.kind === 'bars' ? (data.interval ?? '1m') : null }), from: data.from === undefined ? '' : toLocalInput(data.from), to: data.to === undefined ? '' : toLocalInput(data.to) };
  }
  return {
    ...form,
    source: 'synthetic',
    kind: data.kind ?? base.kind,
    interval: data.interval ?? base.interval,
    count: String(data.count),
    dataSeed: text(data.seed, base.dataSeed),
    start: data.start === undefined ? base.start : toLocalInput(data.start),
    drift: text(data.drift, base.drift),
    volatility: text(data.volatility, base.volatility),
    startPrice: data.startPrice ?? '',
    jumps: data.jumps !== undefined,
    jumpsPerYear: text(data.jumps?.perYear, base.jumpsPerYear),
    jumpMean: text(data.jumps?.mean, base.jumpMean),
    jumpStdDev: text(data.jumps?.stdDev, base.jumpStdDev),
    meanTradeGapMs: text(data.meanTradeGapMs, base.meanTradeGapMs),
  };
}

/** "fast 5 · slow 20 · qty 1" */
export function paramsText(params: Readonly<Record<string, unknown>> | null | undefined): string {
  const entries = Object.entries(params ?? {});
  return entries.length === 0 ? 'defaults' : entries.map(([name, value]) => `${name} ${paramText(value)}`).join(' · ');
}
