// Shows a new API key's secret once, with copy buttons and a clear warning that it cannot be shown again.
import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Modal } from '../../components/modal.tsx';
import { useToast } from '../../components/toasts.tsx';
import type { CreatedApiKey } from '../../lib/api.ts';

export function SecretDialog({ apiKey, onClose }: { readonly apiKey: CreatedApiKey | null; readonly onClose: () => void }) {
  return (
    <Modal
      open={apiKey !== null}
      onClose={onClose}
      title="Your new API key"
      footer={
        <Button onClick={onClose} autoFocus>
          I have stored the secret
        </Button>
      }
    >
      {apiKey && (
        <div className="flex flex-col gap-3 text-sm">
          <p role="alert" className="rounded border border-warn/50 bg-warn/10 px-3 py-2">
            <strong className="text-warn">Copy the secret now.</strong> It is shown only this once and cannot be recovered: the server keeps only a hash of it. If you lose it, create a new key and revoke this one.
          </p>
          <CopyField label="Key id" value={apiKey.id} testId="new-key-id" />
          <CopyField label="Secret" value={apiKey.secret} testId="new-key-secret" />
          <p className="text-xs text-muted">
            Send both with every request in the headers <code className="font-mono">X-Bourse-Key-Id</code> and <code className="font-mono">X-Bourse-Key-Secret</code>, or in the WebSocket <code className="font-mono">auth</code> message. Scopes: {apiKey.scopes.join(', ')}.
          </p>
        </div>
      )}
    </Modal>
  );
}

function CopyField({ label, value, testId }: { readonly label: string; readonly value: string; readonly testId: string }) {
  const toast = useToast();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => {
        setCopied(true);
        toast.show(`${label} copied.`, 'success');
      },
      () => toast.show('The browser did not allow copying: select the text and copy it by hand.', 'error'),
    );
  };
  const id = `copy-${testId}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-muted">
        {label}
      </label>
      <div className="flex gap-2">
        <input id={id} data-testid={testId} readOnly value={value} onFocus={(e) => e.target.select()} className="h-8 min-w-0 flex-1 rounded border border-line bg-bg px-2 font-mono text-xs text-fg" />
        <Button variant="ghost" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
    </div>
  );
}
