// The route table: every screen's path, title, page component, whether it needs a login, and whether it is in the top bar.
import type { ComponentType } from 'react';
import { AccountPage } from '../pages/account-page.tsx';
import { AdminPage } from '../pages/admin-page.tsx';
import { ApiKeysPage } from '../pages/api-keys-page.tsx';
import { BacktestsPage } from '../pages/backtests-page.tsx';
import { BotsPage } from '../pages/bots-page.tsx';
import { LeaderboardPage } from '../pages/leaderboard-page.tsx';
import { LoginPage } from '../pages/login-page.tsx';
import { MarketPage } from '../pages/market-page.tsx';
import { MarketsPage } from '../pages/markets-page.tsx';
import { RegisterPage } from '../pages/register-page.tsx';
import { RiskPage } from '../pages/risk-page.tsx';
import { TradingPage } from '../pages/trading-page.tsx';

export type Access = 'public' | 'user' | 'admin' | 'guest';

export interface AppRoute {
  readonly path: string;
  readonly title: string;
  readonly page: ComponentType;
  /** public: anyone; user: logged in; admin: admins; guest: only when logged out (login, register). */
  readonly access: Access;
  /** Shown in the top bar. */
  readonly nav?: boolean;
}

export const ROUTES: readonly AppRoute[] = [
  { path: '/', title: 'Markets', page: MarketsPage, access: 'public', nav: true },
  { path: '/markets/:symbol', title: 'Market', page: MarketPage, access: 'public' },
  { path: '/trading', title: 'Trading', page: TradingPage, access: 'user', nav: true },
  { path: '/bots', title: 'Bots', page: BotsPage, access: 'user', nav: true },
  { path: '/leaderboard', title: 'Leaderboard', page: LeaderboardPage, access: 'public', nav: true },
  { path: '/backtests', title: 'Backtests', page: BacktestsPage, access: 'user', nav: true },
  { path: '/risk', title: 'Risk', page: RiskPage, access: 'user', nav: true },
  { path: '/api-keys', title: 'API keys', page: ApiKeysPage, access: 'user', nav: true },
  { path: '/admin', title: 'Admin', page: AdminPage, access: 'admin', nav: true },
  { path: '/account', title: 'Account', page: AccountPage, access: 'user' },
  { path: '/login', title: 'Log in', page: LoginPage, access: 'guest' },
  { path: '/register', title: 'Register', page: RegisterPage, access: 'guest' },
];
