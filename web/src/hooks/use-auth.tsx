// useAuth: the logged-in user (from GET /api/v1/me) for the whole app, with login, register, logout and refresh of the profile.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, type Me, type User } from '../lib/api.ts';

export type AuthStatus = 'loading' | 'anonymous' | 'authenticated';

export interface AuthValue {
  readonly status: AuthStatus;
  /** The user when authenticated. */
  readonly user: User | undefined;
  readonly isAdmin: boolean;
  readonly login: (username: string, password: string) => Promise<void>;
  /** Creates the user and logs in. */
  readonly register: (username: string, password: string) => Promise<void>;
  readonly logout: () => Promise<void>;
  /** Reads GET /api/v1/me again. */
  readonly reload: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | undefined>(undefined);

export function AuthProvider({ children }: { readonly children: ReactNode }) {
  const [me, setMe] = useState<Me | undefined>(undefined);
  const [status, setStatus] = useState<AuthStatus>(api.hasSession ? 'loading' : 'anonymous');

  const reload = useCallback(async () => {
    if (!api.hasSession) {
      setMe(undefined);
      setStatus('anonymous');
      return;
    }
    try {
      setMe(await api.me());
      setStatus('authenticated');
    } catch {
      // The login ended (or the server is unreachable): the user logs in again.
      setMe(undefined);
      setStatus('anonymous');
    }
  }, []);

  useEffect(() => {
    void reload();
    // A refresh that fails elsewhere (another tab logged out, the login was revoked) signs out here too.
    return api.onTokenChange(() => {
      if (!api.hasSession) {
        setMe(undefined);
        setStatus('anonymous');
      }
    });
  }, [reload]);

  const value = useMemo<AuthValue>(
    () => ({
      status,
      user: me?.user,
      isAdmin: me?.user.role === 'admin',
      login: async (username, password) => {
        await api.login(username, password);
        await reload();
      },
      register: async (username, password) => {
        await api.register(username, password);
        await api.login(username, password);
        await reload();
      },
      logout: async () => {
        await api.logout();
        setMe(undefined);
        setStatus('anonymous');
      },
      reload,
    }),
    [me, status, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth needs <AuthProvider> above it');
  return value;
}
