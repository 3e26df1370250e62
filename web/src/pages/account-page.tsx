// Account screen (/account): who is logged in, and the password change (every other login of the user ends).
import { useCallback, useState } from 'react';
import { Badge } from '../components/badge.tsx';
import { Button } from '../components/button.tsx';
import { Panel } from '../components/card.tsx';
import { ErrorBanner } from '../components/error-banner.tsx';
import { TextField } from '../components/fields.tsx';
import { Page } from '../components/page.tsx';
import { useToast } from '../components/toasts.tsx';
import { useAuth } from '../hooks/use-auth.tsx';
import { useSubmit } from '../hooks/use-submit.ts';
import { api } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';

export function AccountPage() {
  const { user } = useAuth();
  const toast = useToast();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const submit = useSubmit(
    useCallback(async () => {
      await api.changePassword(currentPassword, newPassword);
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
      toast.show('Password changed. Your other logins have ended.', 'success');
    }, [currentPassword, newPassword, toast]),
  );
  return (
    <Page title="Account">
      <div className="grid gap-3 md:grid-cols-2">
        <Panel title="Profile">
          {user && (
            <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
              <dt className="text-muted">Username</dt>
              <dd>{user.displayName}</dd>
              <dt className="text-muted">Role</dt>
              <dd>
                <Badge tone={user.role === 'admin' ? 'warn' : 'neutral'}>{user.role}</Badge>
              </dd>
              <dt className="text-muted">Account id</dt>
              <dd className="num">{user.accountId}</dd>
              <dt className="text-muted">Member since</dt>
              <dd className="num">{formatDateTime(user.createdAt)}</dd>
            </dl>
          )}
        </Panel>
        <Panel title="Change password">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const differs = newPassword !== confirm;
              setMismatch(differs);
              if (!differs) submit.onSubmit();
            }}
            className="flex flex-col gap-3"
            noValidate
          >
            <ErrorBanner error={submit.error} />
            <TextField
              label="Current password"
              type="password"
              autoComplete="current-password"
              value={currentPassword}
              onChange={(e) => setCurrentPassword(e.target.value)}
              error={submit.fieldErrors.currentPassword ?? (submit.error?.code === 'INVALID_CREDENTIALS' ? submit.error.message : undefined)}
            />
            <TextField
              label="New password"
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
              hint="8 to 128 characters."
              error={submit.fieldErrors.newPassword}
            />
            <TextField label="Repeat the new password" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} error={mismatch ? 'The two passwords differ.' : undefined} />
            <div>
              <Button type="submit" busy={submit.busy} disabled={!currentPassword || !newPassword || !confirm}>
                Change password
              </Button>
            </div>
          </form>
        </Panel>
      </div>
    </Page>
  );
}
