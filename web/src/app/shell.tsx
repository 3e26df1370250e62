// Shell: the top bar (brand, navigation, connection dot, user menu) around every page; on narrow screens the navigation folds into a menu.
import { useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { cx } from '../components/cx.ts';
import { useAuth } from '../hooks/use-auth.tsx';
import { useConnectionState } from '../hooks/use-channel.ts';
import { ROUTES } from './routes.tsx';

export function Shell() {
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname]);
  return (
    <div className="flex min-h-full flex-col">
      <header className="sticky top-0 z-40 border-b border-line bg-surface">
        <div className="mx-auto flex h-11 max-w-[1600px] items-center gap-4 px-3">
          <Link to="/" className="text-base font-bold tracking-tight text-fg">
            Bourse
          </Link>
          <nav aria-label="Main" className="hidden flex-1 items-center gap-1 md:flex">
            <NavItems />
          </nav>
          <div className="ml-auto flex items-center gap-3 md:ml-0">
            <ConnectionDot />
            <div className="hidden md:block">
              <UserMenu />
            </div>
            <button
              type="button"
              className="rounded border border-line px-2 py-1 text-sm md:hidden"
              aria-expanded={menuOpen}
              aria-controls="mobile-menu"
              onClick={() => setMenuOpen((open) => !open)}
            >
              {menuOpen ? 'Close' : 'Menu'}
            </button>
          </div>
        </div>
        {menuOpen && (
          <nav id="mobile-menu" aria-label="Main" className="flex flex-col gap-1 border-t border-line px-3 py-2 md:hidden">
            <NavItems />
            <div className="mt-1 border-t border-line pt-2">
              <UserMenu />
            </div>
          </nav>
        )}
      </header>
      <main className="flex-1">
        <Outlet />
      </main>
    </div>
  );
}

function NavItems() {
  const { status, isAdmin } = useAuth();
  const visible = ROUTES.filter((route) => route.nav && (route.access === 'public' || (route.access === 'user' && status === 'authenticated') || (route.access === 'admin' && isAdmin)));
  return (
    <>
      {visible.map((route) => (
        <NavLink
          key={route.path}
          to={route.path}
          end={route.path === '/'}
          className={({ isActive }) => cx('rounded px-2 py-1 text-sm', isActive ? 'bg-raised text-fg' : 'text-muted hover:text-fg')}
        >
          {route.title}
        </NavLink>
      ))}
    </>
  );
}

function UserMenu() {
  const { status, user, logout } = useAuth();
  const navigate = useNavigate();
  if (status !== 'authenticated' || !user) {
    return (
      <div className="flex items-center gap-2 text-sm">
        <Link to="/login" className="text-muted hover:text-fg">
          Log in
        </Link>
        <Link to="/register" className="rounded bg-accent px-2 py-1 text-white">
          Register
        </Link>
      </div>
    );
  }
  return (
    <div className="flex items-center gap-3 text-sm">
      <Link to="/account" className="text-muted hover:text-fg" title="Account">
        {user.displayName}
        {user.role === 'admin' && <span className="ml-1 text-xs text-warn">admin</span>}
      </Link>
      <button
        type="button"
        className="text-muted hover:text-fg"
        onClick={() => {
          void logout().then(() => navigate('/login'));
        }}
      >
        Log out
      </button>
    </div>
  );
}

function ConnectionDot() {
  const state = useConnectionState();
  // The socket opens only for screens with live data; elsewhere there is nothing to report.
  if (state === 'idle') return null;
  const label = state === 'open' ? 'Live' : state === 'connecting' ? 'Connecting' : 'Reconnecting';
  return (
    <span className="flex items-center gap-1.5 text-xs text-muted" title={`Live data: ${label}`}>
      <span aria-hidden="true" className={cx('size-2 rounded-full', state === 'open' ? 'bg-up' : 'bg-warn')} />
      <span className="hidden sm:inline">{label}</span>
    </span>
  );
}
