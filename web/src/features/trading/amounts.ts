// The balance rows worth showing, and the checks of a deposit or withdrawal before it is sent.
import type { Asset, Balance } from '../../lib/api.ts';
import { compareDecimal, decimalPlaces, signOf } from '../../lib/decimal.ts';
import { formatAmount } from '../../lib/format.ts';
import { cleanNumber, plainNumberProblem } from '../market/ticket-validation.ts';

/**
 * The balance rows worth a line: an order placed or cancelled in a symbol leaves a row of zeros
 * ("MSFT 0 / 0 / 0"), so rows with nothing available and nothing held are left out, unless every
 * row is zero (a new account still sees its assets).
 */
export function shownBalances(balances: readonly Balance[] | undefined): readonly Balance[] | undefined {
  if (balances === undefined) return undefined;
  const nonZero = balances.filter((b) => signOf(b.available) !== 0 || signOf(b.held) !== 0);
  return nonZero.length > 0 ? nonZero : balances;
}

export type TransferKind = 'deposit' | 'withdrawal';

export interface TransferValues {
  readonly asset: string;
  readonly amount: string;
}

export type TransferErrors = Partial<Record<keyof TransferValues, string>>;


/** Problems of a transfer by field (empty when it can be sent): the asset, the number, its decimals, and for a withdrawal what is available. */
export function transferProblems(kind: TransferKind, values: TransferValues, assets: readonly Asset[], balances: ReadonlyMap<string, Balance>): TransferErrors {
  const errors: TransferErrors = {};
  const asset = assets.find((a) => a.code === values.asset);
  if (!asset) errors.asset = 'Choose an asset.';
  const amount = cleanNumber(values.amount);
  const notPlain = amount === '' ? undefined : plainNumberProblem(amount, '100');
  if (amount === '') errors.amount = 'Enter an amount.';
  else if (notPlain !== undefined) errors.amount = notPlain;
  else if (asset && decimalPlaces(amount) > asset.scale) errors.amount = asset.scale === 0 ? `${asset.code} moves in whole units.` : `${asset.code} has at most ${asset.scale} decimals.`;
  else if (kind === 'withdrawal' && asset) {
    const available = balances.get(asset.code)?.available ?? '0';
    if (compareDecimal(amount, available) > 0) errors.amount = `Only ${formatAmount(available, asset.scale)} ${asset.code} is available (held amounts back open orders).`;
  }
  return errors;
}
