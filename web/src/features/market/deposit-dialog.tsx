// A deposit from the order ticket: cash in the quote currency or the base asset, so a new account can trade at once.
import { useCallback, useEffect, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Select, TextField } from '../../components/fields.tsx';
import { Modal } from '../../components/modal.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useSubmit } from '../../hooks/use-submit.ts';
import { api } from '../../lib/api.ts';
import { formatDecimal } from '../../lib/format.ts';

export interface DepositDialogProps {
  readonly open: boolean;
  readonly onClose: () => void;
  /** The assets offered, the first chosen by default. */
  readonly assets: readonly string[];
}

export function DepositDialog({ open, onClose, assets }: DepositDialogProps) {
  const toast = useToast();
  const [asset, setAsset] = useState(assets[0] ?? '');
  const [amount, setAmount] = useState('');
  useEffect(() => {
    if (open) setAsset(assets[0] ?? '');
  }, [open, assets]);
  const submit = useSubmit(
    useCallback(async () => {
      await api.post('/api/v1/account/deposits', { asset, amount: amount.trim() });
      toast.show(`Deposited ${formatDecimal(amount.trim())} ${asset}.`, 'success');
      setAmount('');
      onClose();
    }, [asset, amount, toast, onClose]),
  );
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Deposit"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="deposit-form" busy={submit.busy} disabled={amount.trim() === ''}>
            Deposit
          </Button>
        </>
      }
    >
      <form id="deposit-form" onSubmit={submit.onSubmit} className="flex flex-col gap-3" noValidate>
        <ErrorBanner error={submit.error} />
        <Select label="Asset" value={asset} onChange={(event) => setAsset(event.target.value)} options={assets.map((code) => ({ value: code, label: code }))} error={submit.fieldErrors.asset} />
        <TextField label={`Amount (${asset})`} inputMode="decimal" autoComplete="off" autoFocus value={amount} onChange={(event) => setAmount(event.target.value)} error={submit.fieldErrors.amount} />
      </form>
    </Modal>
  );
}
