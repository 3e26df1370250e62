// Every user, page by page: name, role, status, account, created; create a user, set a forgotten password, change a role, disable or enable a user (with confirmation) or open the account's risk limits.
import { useCallback, useMemo, useState } from 'react';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { RowActions } from '../../components/row-actions.tsx';
import { Checkbox, TextField } from '../../components/fields.tsx';
import { useToast } from '../../components/toasts.tsx';
import { useApi } from '../../hooks/use-api.ts';
import { useMediaQuery } from '../../hooks/use-media-query.ts';
import { api, type Page, type Role, type User, type UserStatus } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { CreateUserDialog, SetPasswordDialog, UserStatusDialog } from './user-dialogs.tsx';

const PAGE_SIZE = 200;
/** Bots are users named `bot-<name>-<6 hex>` (see docs/bots.md); the list hides them on request. */
const BOT_USER = /^bot-.+-[0-9a-f]{6}$/;

export interface UsersPanelProps {
  readonly meId: number | undefined;
  readonly onRisk: (accountId: number) => void;
}

export function UsersPanel({ meId, onRisk }: UsersPanelProps) {
  const toast = useToast();
  // Phones get narrower cells, so the actions menu stays on screen beside the name, role and status.
  const wide = useMediaQuery('(min-width: 640px)');
  const first = useApi((signal) => api.get<Page<User>>('/api/v1/admin/users', { limit: PAGE_SIZE }, signal), []);
  const [more, setMore] = useState<{ users: User[]; cursor: string | null } | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [query, setQuery] = useState('');
  const [hideBots, setHideBots] = useState(true);
  const [changing, setChanging] = useState<{ user: User; role: Role } | undefined>(undefined);
  const [roles, setRoles] = useState<ReadonlyMap<number, Role>>(new Map());
  const [creating, setCreating] = useState(false);
  const [settingPassword, setSettingPassword] = useState<User | undefined>(undefined);
  const [statusChange, setStatusChange] = useState<{ user: User; status: UserStatus } | undefined>(undefined);
  const [statuses, setStatuses] = useState<ReadonlyMap<number, UserStatus>>(new Map());

  const users = useMemo(
    () => [...(first.data?.items ?? []), ...(more?.users ?? [])].map((user) => ({ ...user, role: roles.get(user.id) ?? user.role, status: statuses.get(user.id) ?? user.status })),
    [first.data, more, roles, statuses],
  );
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);
  const shown = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return users.filter((user) => (!hideBots || !BOT_USER.test(user.username)) && (needle === '' || user.username.includes(needle) || user.displayName.toLowerCase().includes(needle)));
  }, [users, query, hideBots]);

  const loadMore = async () => {
    if (cursor === null) return;
    setLoadingMore(true);
    try {
      const page = await api.get<Page<User>>('/api/v1/admin/users', { limit: PAGE_SIZE, cursor });
      setMore((current) => ({ users: [...(current?.users ?? []), ...page.items], cursor: page.nextCursor }));
    } catch (error) {
      toast.error(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const changeRole = useCallback(async () => {
    if (!changing) return;
    await api.put(`/api/v1/admin/users/${changing.user.id}/role`, { role: changing.role });
    setRoles((current) => new Map(current).set(changing.user.id, changing.role));
    toast.show(`${changing.user.displayName} is now ${changing.role === 'admin' ? 'an admin' : 'a trader'}.`, 'success');
  }, [changing, toast]);

  const columns: Column<User>[] = [
    { key: 'id', header: 'Id', numeric: true, hideOnMobile: true, cell: (u) => u.id },
    {
      key: 'username',
      header: 'Username',
      cell: (u) => (
        <span className="flex items-center gap-1.5">
          <span className="max-w-24 truncate sm:max-w-none" title={u.displayName}>
            {u.displayName}
          </span>
          {u.id === meId && (
            <span className="hidden sm:inline">
              <Badge tone="accent">you</Badge>
            </span>
          )}
        </span>
      ),
    },
    { key: 'role', header: 'Role', cell: (u) => <Badge tone={u.role === 'admin' ? 'warn' : 'neutral'}>{u.role}</Badge> },
    { key: 'status', header: 'Status', cell: (u) => <Badge tone={u.status === 'disabled' ? 'down' : 'neutral'}>{u.status}</Badge> },
    { key: 'account', header: 'Account', numeric: true, hideOnMobile: true, cell: (u) => u.accountId },
    { key: 'created', header: 'Created', numeric: true, hideOnMobile: true, cell: (u) => formatDateTime(u.createdAt) },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      cell: (u) => {
        const self = u.id === meId;
        const role = u.role === 'admin' ? 'Make trader' : 'Make admin';
        const status = u.status === 'disabled' ? 'Enable' : 'Disable';
        return (
          <RowActions
            menuName={`Actions for ${u.displayName}`}
            actions={[
              { key: 'risk', label: 'Risk', name: `Risk limits of ${u.displayName}`, onSelect: () => onRisk(u.accountId) },
              {
                key: 'password',
                label: 'Set password',
                name: `Set the password of ${u.displayName}`,
                disabled: self,
                title: self ? 'Change your own password on the Account page; it asks for the current one.' : undefined,
                onSelect: () => setSettingPassword(u),
              },
              {
                key: 'role',
                label: role,
                name: `${role}: ${u.displayName}`,
                disabled: self,
                title: self ? 'You cannot change your own role.' : undefined,
                onSelect: () => setChanging({ user: u, role: u.role === 'admin' ? 'trader' : 'admin' }),
              },
              {
                key: 'status',
                label: status,
                name: `${status} ${u.displayName}`,
                disabled: self,
                title: self ? 'You cannot disable yourself; another admin can.' : undefined,
                onSelect: () => setStatusChange({ user: u, status: u.status === 'disabled' ? 'active' : 'disabled' }),
              },
            ]}
          />
        );
      },
    },
  ];

  return (
    <div className="flex flex-col gap-2">
      <ErrorBanner error={first.error} onRetry={() => void first.refetch()} />
      <div className="flex flex-wrap items-end gap-3 px-3 pt-2">
        <TextField label="Find a user" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Username" className="w-full sm:w-64" autoComplete="off" />
        <Checkbox label="Hide bot users" checked={hideBots} onChange={(e) => setHideBots(e.target.checked)} className="pb-1.5" />
        <span className="num pb-1.5 text-xs text-muted">
          {shown.length} shown of {users.length} loaded
        </span>
        <Button size="sm" className="mb-1 ml-auto" onClick={() => setCreating(true)}>
          New user
        </Button>
      </div>
      <DataTable label="Users" dense={!wide} columns={columns} rows={shown} rowKey={(u) => u.id} loading={first.loading} empty="No user matches." />
      {cursor !== null && (
        <div className="px-3 pb-3">
          <Button variant="ghost" busy={loadingMore} onClick={() => void loadMore()}>
            Load more users
          </Button>
        </div>
      )}
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} onCreated={() => void first.refetch()} />
      <SetPasswordDialog user={settingPassword} onClose={() => setSettingPassword(undefined)} />
      <UserStatusDialog change={statusChange} onClose={() => setStatusChange(undefined)} onChanged={(user, status) => setStatuses((current) => new Map(current).set(user.id, status))} />
      <ConfirmDialog
        open={changing !== undefined}
        title={changing?.role === 'admin' ? 'Make admin' : 'Make trader'}
        confirmLabel={changing?.role === 'admin' ? 'Make admin' : 'Make trader'}
        variant="primary"
        onConfirm={changeRole}
        onClose={() => setChanging(undefined)}
      >
        <p>
          {changing?.role === 'admin'
            ? `${changing.user.displayName} will manage every user, bot and limit.`
            : `${changing?.user.displayName ?? ''} will no longer be an admin.`}{' '}
          The change applies from their next request.
        </p>
      </ConfirmDialog>
    </div>
  );
}
