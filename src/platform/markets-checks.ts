// What keeps a markets file from being listed as written: a bad or repeated asset code, a repeated symbol, an instrument the engine would refuse.
import { resolveInstrument, type AssetSpec, type InstrumentSpec } from '../core/instrument.ts';
import { ASSET_CODE } from '../core/limits.ts';
import { sessionCloseProblem, type SessionClose } from '../core/session-close.ts';

/** One entry of the file that cannot be listed: its place in the file, its code or symbol, and why. */
export interface MarketsProblem {
  readonly where: string;
  readonly name: string;
  readonly problem: string;
}

/** Why the engine would refuse to list this instrument with these asset scales; undefined when it would list it. */
export function instrumentProblem(spec: InstrumentSpec, assetScale: (code: string) => number | undefined): string | undefined {
  const unknown = [spec.base, spec.quote].filter((code) => assetScale(code) === undefined);
  if (unknown.length > 0) return `unknown asset ${unknown.join(' and ')}: list it under assets`;
  const resolved = resolveInstrument(spec, assetScale);
  return resolved.ok ? undefined : resolved.message;
}

/** Every entry that cannot be listed, in file order; none for a file the engine lists whole. */
export function marketsProblems(config: { readonly assets: readonly AssetSpec[]; readonly instruments: readonly InstrumentSpec[] }): MarketsProblem[] {
  const problems: MarketsProblem[] = [];
  const scales = new Map<string, number>();
  const firstAsset = new Map<string, number>();
  config.assets.forEach((asset, index) => {
    const where = `assets.${index}`;
    const first = firstAsset.get(asset.code);
    if (!ASSET_CODE.test(asset.code)) problems.push({ where, name: asset.code, problem: 'an asset code is 1 to 12 upper-case letters and digits' });
    else if (first !== undefined) problems.push({ where, name: asset.code, problem: `the asset is listed twice (first at assets.${first})` });
    else {
      firstAsset.set(asset.code, index);
      scales.set(asset.code, asset.scale);
    }
  });
  const firstSymbol = new Map<string, number>();
  config.instruments.forEach((instrument, index) => {
    const where = `instruments.${index}`;
    const first = firstSymbol.get(instrument.symbol);
    if (first !== undefined) return problems.push({ where, name: instrument.symbol, problem: `the symbol is listed twice (first at instruments.${first})` });
    firstSymbol.set(instrument.symbol, index);
    const problem = instrumentProblem(instrument, (code) => scales.get(code));
    if (problem !== undefined) problems.push({ where, name: instrument.symbol, problem });
  });
  return problems;
}

/** The sessions part of a markets file as written: named closes, and the one each instrument names. */
export interface SessionsAsWritten {
  readonly sessions?: Readonly<Record<string, Omit<SessionClose, 'days'> & { readonly days?: readonly string[] }>>;
  readonly instruments: ReadonlyArray<{ readonly symbol: string; readonly session?: string }>;
}

/** Every session close the file gives that cannot be used, and every instrument naming a session the file does not give. */
export function sessionProblems(config: SessionsAsWritten): MarketsProblem[] {
  const sessions = config.sessions ?? {};
  const problems: MarketsProblem[] = [];
  for (const [name, session] of Object.entries(sessions)) {
    const problem = sessionCloseProblem(session);
    if (problem !== undefined) problems.push({ where: `sessions.${name}`, name, problem });
  }
  const names = Object.keys(sessions);
  const known = names.length > 0 ? `name one under sessions (${names.join(', ')})` : 'give it under sessions';
  config.instruments.forEach((instrument, index) => {
    const session = instrument.session;
    if (session !== undefined && !Object.hasOwn(sessions, session)) problems.push({ where: `instruments.${index}`, name: instrument.symbol, problem: `unknown session "${session}": ${known}` });
  });
  return problems;
}

/** One line per problem, for an error that stops start-up. */
export function describeMarketsProblems(problems: readonly MarketsProblem[]): string {
  return problems.map(({ where, name, problem }) => `  ${name} (${where}): ${problem}`).join('\n');
}
