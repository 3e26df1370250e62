// The admin's dialogs for users: create one (a trader or an admin), set the password of one who forgot theirs, disable or enable one; the server's refusals show in the dialog.
import { useCallback, useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { Select, TextField } from '../../components/fields.tsx';
import { useToast } from '../../components/toasts.tsx';
import { api, type Role, type User, type UserStatus } from '../../lib/api.ts';

export interface CreateUserDialogProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onCreated: (user: User) => void;
}

export function CreateUserDialog({ open, onClose, onCreated }: CreateUserDialogProps) {
  const toast = useToast();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('trader');
  const close = useCallback(() => {
    setUsername('');
    setPassword('');
    setRole('trader');
    onClose();
  }, [onClose]);
  const create = useCallback(async () => {
    const { user } = await api.post<{ user: User }>('/api/v1/admin/users', { username: username.trim(), password, role });
    toast.show(`${user.displayName} can log in now, as ${role === 'admin' ? 'an admin' : 'a trader'}.`, 'success');
    onCreated(user);
  }, [username, password, role, toast, onCreated]);
  return (
    <ConfirmDialog open={open} title="New user" confirmLabel="Create user" variant="primary" onConfirm={create} onClose={close}>
      <TextField label="Username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" hint="3 to 32 ASCII letters, digits, “_”, “-” or “.”" />
      <TextField label="Password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" hint="8 to 128 characters; tell it to the user, who can change it" />
      <Select label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)} options={[{ value: 'trader', label: 'Trader' }, { value: 'admin', label: 'Admin' }]} />
    </ConfirmDialog>
  );
}

export interface SetPasswordDialogProps {
  readonly user: User | undefined;
  readonly onClose: () => void;
}

export function SetPasswordDialog({ user, onClose }: SetPasswordDialogProps) {
  const toast = useToast();
  const [password, setPassword] = useState('');
  const close = useCallback(() => {
    setPassword('');
    onClose();
  }, [onClose]);
  const set = useCallback(async () => {
    if (!user) return;
    await api.put(`/api/v1/admin/users/${user.id}/password`, { password });
    toast.show(`${user.displayName}’s password is set; their logins have ended.`, 'success');
  }, [user, password, toast]);
  return (
    <ConfirmDialog open={user !== undefined} title={`Set the password of ${user?.displayName ?? ''}`} confirmLabel="Set password" variant="primary" onConfirm={set} onClose={close}>
      <p>Every login of {user?.displayName} ends at once; their API keys keep working.</p>
      <TextField label="New password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" hint="8 to 128 characters" />
    </ConfirmDialog>
  );
}

export interface UserStatusDialogProps {
  /** The user and the status to give them; undefined when closed. */
  readonly change: { readonly user: User; readonly status: UserStatus } | undefined;
  readonly onClose: () => void;
  readonly onChanged: (user: User, status: UserStatus) => void;
}

/** What the server answers to a status change (PUT /api/v1/admin/users/{id}/status). */
interface StatusChange {
  readonly cancelledOrders: readonly number[];
  readonly stoppedBots: readonly number[];
  readonly cancelledAlgoOrders: readonly number[];
}

/** Disables a user (after saying what stops) or enables one again. */
export function UserStatusDialog({ change, onClose, onChanged }: UserStatusDialogProps) {
  const toast = useToast();
  const disabling = change?.status === 'disabled';
  const name = change?.user.displayName ?? '';
  const apply = useCallback(async () => {
    if (!change) return;
    const done = await api.put<StatusChange>(`/api/v1/admin/users/${change.user.id}/status`, { status: change.status });
    onChanged(change.user, change.status);
    if (change.status === 'active') {
      toast.show(`${change.user.displayName} can log in again.`, 'success');
      return;
    }
    const stopped = [
      `${done.cancelledOrders.length} open ${done.cancelledOrders.length === 1 ? 'order' : 'orders'} cancelled`,
      ...(done.stoppedBots.length > 0 ? [`${done.stoppedBots.length} ${done.stoppedBots.length === 1 ? 'bot' : 'bots'} stopped`] : []),
      ...(done.cancelledAlgoOrders.length > 0 ? [`${done.cancelledAlgoOrders.length} algo ${done.cancelledAlgoOrders.length === 1 ? 'order' : 'orders'} cancelled`] : []),
    ];
    toast.show(`${change.user.displayName} is disabled: ${stopped.join(', ')}.`, 'success');
  }, [change, onChanged, toast]);
  return (
    <ConfirmDialog
      open={change !== undefined}
      title={disabling ? `Disable ${name}` : `Enable ${name}`}
      confirmLabel={disabling ? 'Disable user' : 'Enable user'}
      variant={disabling ? 'danger' : 'primary'}
      onConfirm={apply}
      onClose={onClose}
    >
      {disabling ? (
        <p>
          {name} is signed out everywhere at once: logins, API keys and open connections stop working, their open orders and algo orders are cancelled and their bots stop. Balances
          and history stay; enabling them again lets them log in, and their API keys work again.
        </p>
      ) : (
        <p>{name} can log in again, and their API keys work again. Bots stopped by the disable stay stopped until started.</p>
      )}
    </ConfirmDialog>
  );
}
