// The user's API keys: name, id, scopes, created, last used and whether revoked; a live key can be revoked after a confirmation.
import { useCallback, useState } from 'react';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { useToast } from '../../components/toasts.tsx';
import { api, type ApiKey } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { keyScopes } from './key-scopes.ts';

export interface ApiKeysTableProps {
  readonly keys: readonly ApiKey[] | undefined;
  readonly loading: boolean;
  /** Called after a revoke, to read the list again. */
  readonly onChanged: () => Promise<void>;
}

export function ApiKeysTable({ keys, loading, onChanged }: ApiKeysTableProps) {
  const toast = useToast();
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = useCallback(async () => {
    if (!revoking) return;
    await api.delete(`/api/v1/api-keys/${encodeURIComponent(revoking.id)}`);
    toast.show(`Key “${revoking.label}” revoked; it fails from its next request.`, 'success');
    await onChanged();
  }, [revoking, toast, onChanged]);

  const columns: readonly Column<ApiKey>[] = [
    {
      key: 'label',
      header: 'Name',
      cell: (k) => (
        <span className="flex flex-col">
          <span className={k.revokedAt !== null ? 'text-muted line-through' : 'font-semibold'}>{k.label}</span>
          <span className="font-mono text-xs break-all text-muted">{k.id}</span>
          {/* Phones hide the dates and the state column. */}
          <span className="text-xs text-muted sm:hidden">{k.revokedAt === null ? `last used ${k.lastUsedAt === null ? 'never' : formatDateTime(k.lastUsedAt)}` : `revoked ${formatDateTime(k.revokedAt)}`}</span>
        </span>
      ),
    },
    {
      key: 'scopes',
      header: 'Scopes',
      cell: (k) => (
        <span className="inline-flex flex-wrap gap-1">
          {keyScopes(k).map((scope) => (
            <Badge key={scope} tone={scope === 'read' ? 'neutral' : 'warn'}>
              {scope}
            </Badge>
          ))}
        </span>
      ),
    },
    { key: 'created', header: 'Created', hideOnMobile: true, cell: (k) => <span className="num text-muted">{formatDateTime(k.createdAt)}</span> },
    { key: 'used', header: 'Last used', hideOnMobile: true, cell: (k) => <span className="num text-muted">{k.lastUsedAt === null ? 'never' : formatDateTime(k.lastUsedAt)}</span> },
    {
      key: 'state',
      header: 'State',
      hideOnMobile: true,
      cell: (k) =>
        k.revokedAt === null ? (
          <Badge tone="up">live</Badge>
        ) : (
          <span className="flex flex-col items-start">
            <Badge tone="down">revoked</Badge>
            <span className="num hidden text-xs text-muted sm:inline">{formatDateTime(k.revokedAt)}</span>
          </span>
        ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      className: 'text-right',
      cell: (k) =>
        k.revokedAt === null && (
          <Button size="sm" variant="danger" onClick={() => setRevoking(k)} aria-label={`Revoke key ${k.label} (${k.id})`}>
            Revoke
          </Button>
        ),
    },
  ];
  return (
    <>
      <DataTable label="API keys" columns={columns} rows={keys} rowKey={(k) => k.id} loading={loading} empty="No API keys yet." />
      <ConfirmDialog open={revoking !== null} title={`Revoke “${revoking?.label ?? ''}”?`} confirmLabel="Revoke key" onConfirm={revoke} onClose={() => setRevoking(null)}>
        <p>
          Programs using key <code className="font-mono text-xs">{revoking?.id}</code> are refused from their next request. A revoked key cannot be brought back.
        </p>
      </ConfirmDialog>
    </>
  );
}
