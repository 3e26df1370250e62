// useRiskStatus: the caller's risk status (kill switch, figures, limits), read every few seconds and at once when the balances change.
import { useApi, type ApiState } from '../../hooks/use-api.ts';
import { usePolling } from '../../hooks/use-polling.ts';
import { api, type RiskStatus } from '../../lib/api.ts';
import { useAccountReload } from '../trading/use-account-reload.ts';

/** The status has no channel: it is read every few seconds, and at once when the account's balances change. */
const STATUS_POLL_MS = 3_000;

/** For a logged-in caller only: it follows the account's private channel. */
export function useRiskStatus(): ApiState<RiskStatus> {
  const status = useApi((signal) => api.get<RiskStatus>('/api/v1/risk/status', undefined, signal), []);
  usePolling(status.refetch, STATUS_POLL_MS);
  useAccountReload(['balances'], status.refetch);
  return status;
}
