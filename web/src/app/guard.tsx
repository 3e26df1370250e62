// Guard: lets a route's page render only for the right visitors; others go to /login (and come back after it) or home.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spinner } from '../components/spinner.tsx';
import { useAuth } from '../hooks/use-auth.tsx';
import type { Access } from './routes.tsx';

/** Where the login page sends the user afterwards: `location.state.from`. */
export interface ReturnState {
  readonly from?: string;
}

export function Guard({ access, children }: { readonly access: Access; readonly children: ReactNode }) {
  const { status, isAdmin } = useAuth();
  const location = useLocation();
  if (access === 'public') return children;
  if (status === 'loading') return <Spinner className="m-6" />;
  if (access === 'guest') return status === 'authenticated' ? <Navigate to={(location.state as ReturnState | null)?.from ?? '/'} replace /> : children;
  if (status !== 'authenticated') return <Navigate to="/login" replace state={{ from: location.pathname + location.search } satisfies ReturnState} />;
  if (access === 'admin' && !isAdmin) return <Navigate to="/" replace />;
  return children;
}
