// The admin risk view: pick an account (or come from the user list) or a strategy, see and change its limits.
import { useState, type FormEvent } from 'react';
import { Button } from '../../components/button.tsx';
import { Panel } from '../../components/card.tsx';
import { Select, TextField } from '../../components/fields.tsx';
import type { StrategyInfo } from '../../lib/api.ts';
import { AccountRisk } from './account-risk.tsx';
import { StrategyRisk } from './strategy-risk.tsx';

export interface RiskPanelProps {
  readonly accountId: number | undefined;
  readonly onAccount: (accountId: number) => void;
  readonly strategies: readonly StrategyInfo[];
}

export function RiskPanel({ accountId, onAccount, strategies }: RiskPanelProps) {
  const [accountText, setAccountText] = useState(accountId === undefined ? '' : String(accountId));
  const [accountError, setAccountError] = useState<string | undefined>(undefined);
  const [strategy, setStrategy] = useState<string | undefined>(undefined);
  const chosenStrategy = strategy ?? strategies[0]?.name;

  const showAccount = (event: FormEvent) => {
    event.preventDefault();
    const id = Number(accountText.trim());
    const valid = /^\d+$/.test(accountText.trim()) && id > 0 && id <= 2 ** 31 - 1;
    setAccountError(valid ? undefined : 'Enter an account id, a whole number above 0.');
    if (valid) onAccount(id);
  };

  return (
    <div className="flex flex-col gap-3">
      <Panel title="Account limits">
        <form onSubmit={showAccount} noValidate className="mb-3 flex items-end gap-2">
          <TextField label="Account id" inputMode="numeric" value={accountText} onChange={(e) => setAccountText(e.target.value)} error={accountError} className="w-40" autoComplete="off" />
          <Button type="submit" variant="ghost" className={accountError ? 'mb-5' : undefined}>
            Show
          </Button>
        </form>
        {accountId === undefined ? <p className="text-sm text-muted">Enter an account id, or choose “Risk” on a user.</p> : <AccountRisk key={accountId} accountId={accountId} />}
      </Panel>
      <Panel title="Strategy limits">
        <Select
          label="Strategy"
          value={chosenStrategy ?? ''}
          onChange={(e) => setStrategy(e.target.value)}
          options={strategies.map((s) => ({ value: s.name, label: s.name }))}
          hint="Bots register the strategy they run; an account's admin limits override its strategy's, field by field."
          className="mb-3 sm:w-64"
        />
        {chosenStrategy && <StrategyRisk key={chosenStrategy} name={chosenStrategy} />}
      </Panel>
    </div>
  );
}
