// The kill switch where orders are entered: a banner over the order ticket while the caller's switch is on, so nobody learns it from a refused Buy.
import { Link } from 'react-router';
import { Badge } from '../../components/badge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useRiskStatus } from './use-risk-status.ts';

/** Nothing while the switch is off or the status is still loading; for a logged-in caller only. */
export function KillSwitchBanner() {
  const kill = useRiskStatus().data?.killSwitch;
  if (!kill?.active) return null;
  return (
    <section role="alert" aria-label="Kill switch" data-testid="kill-switch-banner" className="mb-3 flex flex-col gap-1.5 rounded-md border border-down/60 bg-down/10 px-3 py-2.5 text-sm">
      <div className="flex items-center gap-2">
        <Badge tone="down">kill switch on</Badge>
        <span className="text-xs text-muted">since {formatDateTime(kill.since)}</span>
      </div>
      <p>{kill.message}</p>
      <p className="text-muted">
        Buys are refused until it is reset; only sells of what you hold are accepted.{' '}
        <Link to="/risk" className="text-accent underline">
          See risk and reset
        </Link>
      </p>
    </section>
  );
}
