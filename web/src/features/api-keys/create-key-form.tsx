// The form that creates an API key: a name and its scopes; the new key (with its secret) goes to the caller to show once.
import { useCallback, useState, type FormEvent } from 'react';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Checkbox, TextField } from '../../components/fields.tsx';
import { useSubmit } from '../../hooks/use-submit.ts';
import { api, type CreatedApiKey } from '../../lib/api.ts';
import { newKeyRequest, SCOPE_HINTS } from './key-scopes.ts';

export function CreateKeyForm({ onCreated }: { readonly onCreated: (key: CreatedApiKey) => void }) {
  const [label, setLabel] = useState('');
  const [read, setRead] = useState(true);
  const [trade, setTrade] = useState(false);
  const [withdraw, setWithdraw] = useState(false);
  const [tried, setTried] = useState(false);
  const result = newKeyRequest({ label, read, trade, withdraw });
  const local = tried && !result.ok ? result.errors : {};

  const submit = useSubmit(
    useCallback(async () => {
      if (!result.ok) return;
      const { key } = await api.post<{ key: CreatedApiKey }>('/api/v1/api-keys', result.body);
      setLabel('');
      setTrade(false);
      setWithdraw(false);
      setRead(true);
      setTried(false);
      onCreated(key);
    }, [result, onCreated]),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (result.ok) submit.onSubmit();
  };
  const server = submit.error;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label="Create an API key">
      <ErrorBanner error={server} />
      <TextField label="Name" autoComplete="off" maxLength={80} placeholder="e.g. grid bot on my laptop" value={label} onChange={(e) => setLabel(e.target.value)} error={local.label ?? server?.fieldErrors.label} hint="Up to 64 characters, to tell your keys apart." />
      <fieldset className="flex flex-col gap-2" aria-describedby={local.scopes ? 'key-scopes-error' : undefined}>
        <legend className="mb-1 text-xs font-medium text-muted">Scopes</legend>
        <Checkbox label="read" checked={read || trade || withdraw} disabled={trade || withdraw} onChange={(e) => setRead(e.target.checked)} hint={SCOPE_HINTS.read} />
        <Checkbox label="trade" checked={trade} onChange={(e) => setTrade(e.target.checked)} hint={SCOPE_HINTS.trade} />
        <Checkbox label="withdraw" checked={withdraw} onChange={(e) => setWithdraw(e.target.checked)} hint={SCOPE_HINTS.withdraw} />
        {(local.scopes ?? server?.fieldErrors.scopes) && (
          <p id="key-scopes-error" className="text-xs text-down">
            {local.scopes ?? server?.fieldErrors.scopes}
          </p>
        )}
      </fieldset>
      <div>
        <Button type="submit" busy={submit.busy}>
          Create key
        </Button>
      </div>
    </form>
  );
}
