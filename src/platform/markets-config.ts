// The markets file: which assets and instruments the exchange lists, read and checked at start-up.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Command } from '../core/commands.ts';
import type { AssetSpec, InstrumentSpec } from '../core/instrument.ts';
import type { Engine } from '../engine/engine.ts';
import { plainDecimalString } from './decimal-text.ts';
import { describeMarketsProblems, instrumentProblem, marketsProblems, sessionProblems, type MarketsProblem } from './markets-checks.ts';
import type { SessionClose } from '../core/session-close.ts';

/** The file shipped with Bourse: a few US stocks in USD, plus BTC-USD and ETH-USD. */
export const DEFAULT_MARKETS_FILE = new URL('../../config/markets.json', import.meta.url);

const decimal = plainDecimalString('0.01');

const assetSchema = z.object({ code: z.string(), scale: z.number().int().min(0).max(18) }).strict();
const instrumentSchema = z
  .object({
    symbol: z.string(),
    base: z.string(),
    quote: z.string(),
    tickSize: decimal,
    lotSize: decimal,
    minQty: decimal,
    maxQty: decimal,
    makerFeeBps: z.number().int(),
    takerFeeBps: z.number().int(),
    referencePrice: decimal,
    bandBps: z.number().int(),
    /** The name of the session close under `sessions` the instrument keeps; DEFAULT_SESSION_CLOSE when absent. */
    session: z.string().optional(),
  })
  .strict();
// Close, zone and days are checked by sessionProblems, which lists every bad one.
const sessionSchema = z.object({ close: z.string(), timeZone: z.string(), days: z.array(z.string()).optional() }).strict();

export const marketsConfigSchema = z.object({ assets: z.array(assetSchema), sessions: z.record(z.string(), sessionSchema).optional(), instruments: z.array(instrumentSchema) }).strict();

export interface MarketsConfig {
  readonly assets: readonly AssetSpec[];
  readonly instruments: readonly InstrumentSpec[];
  /**
   * Each symbol's session close, where the file names one. Not a listed term: the engine never sees
   * it, and a change takes effect at the next start.
   */
  readonly sessionCloses?: Readonly<Record<string, SessionClose>>;
}

export async function loadMarketsConfig(path: string | URL = DEFAULT_MARKETS_FILE): Promise<MarketsConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the markets file ${String(path)}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the markets file ${String(path)} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = marketsConfigSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`the markets file ${String(path)} is invalid at ${first?.path.join('.') ?? '?'}: ${first?.message ?? 'unknown problem'}`);
  }
  // Refused whole rather than listed in part: an instrument dropped at start-up would look listed in the file and be missing on the exchange.
  const problems = [...marketsProblems(parsed.data), ...sessionProblems(parsed.data)];
  if (problems.length > 0) throw new Error(`the markets file ${String(path)} lists what cannot be listed; fix it and start again:\n${describeMarketsProblems(problems)}`);
  const { assets, sessions = {} } = parsed.data;
  const sessionCloses: Record<string, SessionClose> = {};
  const instruments = parsed.data.instruments.map(({ session, ...spec }) => {
    // sessionProblems passed: the named session exists and its days are weekdays.
    if (session !== undefined) sessionCloses[spec.symbol] = sessions[session] as SessionClose;
    return spec;
  });
  return { assets, instruments, sessionCloses };
}

/**
 * Commands that list what the engine does not have yet. Listings are journaled, so a restart finds
 * them already there; an instrument whose terms changed in the file keeps its listed terms (the
 * engine has no delisting yet) and is reported through `differs`. A new instrument the engine would
 * refuse next to what the journal already lists (an asset whose listed scale is not the file's) is
 * reported through `refused`, with no command.
 */
/** A listed instrument whose terms the markets file gives differently: each term as listed and as the file has it. */
export interface ListedDifference {
  readonly symbol: string;
  readonly changes: ReadonlyArray<{ readonly term: string; readonly listed: unknown; readonly file: unknown }>;
}

/** The terms the file gives differently from the listing ("takerFeeBps 1 -> 5"). */
function changedTerms(listed: InstrumentSpec, file: InstrumentSpec): ListedDifference['changes'] {
  const terms = Object.keys(file) as Array<keyof InstrumentSpec>;
  return terms.filter((term) => JSON.stringify(listed[term]) !== JSON.stringify(file[term])).map((term) => ({ term, listed: listed[term], file: file[term] }));
}

/** "takerFeeBps: listed 1, the file says 5; bandBps: ..." */
export function describeDifference(difference: ListedDifference): string {
  return difference.changes.map((c) => `${c.term}: listed ${JSON.stringify(c.listed)}, the file says ${JSON.stringify(c.file)}`).join('; ');
}

export function listingCommands(config: MarketsConfig, engine: Engine, ts: number): { commands: Command[]; differs: ListedDifference[]; refused: MarketsProblem[] } {
  const commands: Command[] = [];
  const differs: ListedDifference[] = [];
  const refused: MarketsProblem[] = [];
  const fileScales = new Map(config.assets.map((asset) => [asset.code, asset.scale]));
  // Listed assets keep their journaled scale: the engine resolves a new instrument against it.
  const scale = (code: string) => engine.asset(code)?.scale ?? fileScales.get(code);
  for (const asset of config.assets) if (!engine.asset(asset.code)) commands.push({ type: 'addAsset', ts, asset });
  config.instruments.forEach((instrument, index) => {
    const listed = engine.instrument(instrument.symbol);
    if (listed) {
      const changes = changedTerms(listed.spec, instrument);
      if (changes.length > 0) differs.push({ symbol: instrument.symbol, changes });
      return;
    }
    const problem = instrumentProblem(instrument, scale);
    if (problem === undefined) commands.push({ type: 'addInstrument', ts, instrument });
    else refused.push({ where: `instruments.${index}`, name: instrument.symbol, problem });
  });
  return { commands, differs, refused };
}
