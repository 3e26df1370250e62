// Deposit and withdrawal dialogs: an asset, an amount (checked against the asset's decimals and, for a withdrawal, what is available) and an optional memo.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Select, TextField } from '../../components/fields.tsx';
import { Modal } from '../../components/modal.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useSubmit } from '../../hooks/use-submit.ts';
import { api, type Asset, type Balance } from '../../lib/api.ts';
import { transferProblems, type TransferErrors, type TransferKind } from './amounts.ts';
import { formatAmount } from '../../lib/format.ts';
import { cleanNumber } from '../market/ticket-validation.ts';

export interface TransferDialogProps {
  /** Which dialog is open, or null. */
  readonly kind: TransferKind | null;
  readonly assets: readonly Asset[];
  readonly balances: ReadonlyMap<string, Balance>;
  /** The asset chosen when the dialog opens. */
  readonly initialAsset?: string;
  readonly onClose: () => void;
  /** Called with the balances the server answered with. */
  readonly onDone: (balances: Balance[]) => void;
}

const SERVER_FIELDS: Readonly<Record<string, keyof TransferErrors>> = {
  UNKNOWN_ASSET: 'asset',
  INVALID_AMOUNT: 'amount',
  INSUFFICIENT_FUNDS: 'amount',
  INSUFFICIENT_SHARES: 'amount',
};

export function TransferDialog({ kind, assets, balances, initialAsset, onClose, onDone }: TransferDialogProps) {
  const title = kind === 'withdrawal' ? 'Withdraw' : 'Deposit';
  return (
    <Modal open={kind !== null} onClose={onClose} title={title}>
      {kind && <TransferForm key={kind} kind={kind} assets={assets} balances={balances} initialAsset={initialAsset} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function TransferForm({ kind, assets, balances, initialAsset, onClose, onDone }: TransferDialogProps & { readonly kind: TransferKind }) {
  const toast = useToast();
  const [asset, setAsset] = useState(initialAsset ?? assets[0]?.code ?? '');
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const [tried, setTried] = useState(false);
  // Only an asset the list does not hold (yet) is replaced: the user's choice stays while the screen behind re-renders.
  useEffect(() => {
    if (!assets.some((a) => a.code === asset)) setAsset(initialAsset ?? assets[0]?.code ?? '');
  }, [initialAsset, assets, asset]);
  const problems = transferProblems(kind, { asset, amount }, assets, balances);
  const local: TransferErrors = tried ? problems : {};
  const verb = kind === 'withdrawal' ? 'Withdraw' : 'Deposit';

  const submit = useSubmit(
    useCallback(async () => {
      const path = kind === 'withdrawal' ? '/api/v1/account/withdrawals' : '/api/v1/account/deposits';
      const body = { asset, amount: cleanNumber(amount), ...(memo.trim() ? { memo: memo.trim() } : {}) };
      const answer = await api.post<{ balances: Balance[] }>(path, body);
      const scale = assets.find((a) => a.code === asset)?.scale;
      toast.show(`${kind === 'withdrawal' ? 'Withdrew' : 'Deposited'} ${formatAmount(cleanNumber(amount), scale)} ${asset}.`, 'success');
      onDone(answer.balances);
      onClose();
    }, [kind, asset, amount, memo, assets, toast, onDone, onClose]),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length === 0) submit.onSubmit();
  };

  const server = submit.error;
  const serverField = server ? SERVER_FIELDS[server.code] : undefined;
  const errorOf = (field: 'asset' | 'amount' | 'memo') => (field !== 'memo' ? local[field] : undefined) ?? server?.fieldErrors[field] ?? (serverField === field ? server?.message : undefined);
  const scale = assets.find((a) => a.code === asset)?.scale;
  const available = balances.get(asset)?.available ?? '0';
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label={verb}>
      <ErrorBanner error={server} />
      <Select label="Asset" value={asset} onChange={(e) => setAsset(e.target.value)} options={assets.map((a) => ({ value: a.code, label: a.code }))} error={errorOf('asset')} />
      <TextField
        label={`Amount (${asset})`}
        inputMode="decimal"
        autoComplete="off"
        autoFocus
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        error={errorOf('amount')}
        hint={kind === 'withdrawal' ? `Available: ${formatAmount(available, scale)} ${asset}` : scale !== undefined ? `Up to ${scale} decimals.` : undefined}
      />
      <TextField label="Memo (optional)" autoComplete="off" maxLength={200} value={memo} onChange={(e) => setMemo(e.target.value)} error={errorOf('memo')} />
      <div className="flex justify-end gap-2 border-t border-line pt-3">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" busy={submit.busy}>
          {verb}
        </Button>
      </div>
    </form>
  );
}
