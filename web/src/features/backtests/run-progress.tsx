// A run's progress while it is queued or running: a progress bar with processed / total and the ETA, elapsed time, and Cancel.
import { AsyncButton } from '../../components/async-button.tsx';
import { formatDuration } from '../../lib/format.ts';
import type { Run } from './backtest-types.ts';
import { etaText, formatFraction, progressCount, stageText } from './metric-format.ts';

export function RunProgress({ run, onCancel }: { readonly run: Run; readonly onCancel: () => Promise<unknown> }) {
  const { progress } = run;
  const percent = Math.round(progress.fraction * 1000) / 10;
  const what = run.kind === 'backtest' ? 'Backtest' : 'Optimization';
  return (
    <div data-testid="run-progress" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm">
          <span className="font-medium">
            {what} #{run.id}
          </span>{' '}
          <span className="text-muted">· {stageText(run.status, progress)}</span>
        </p>
        <AsyncButton variant="danger" size="sm" onClick={onCancel}>
          Cancel
        </AsyncButton>
      </div>
      <div
        role="progressbar"
        aria-label={`${what} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${formatFraction(progress.fraction, false, 1)}, ${progressCount(progress)}`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-raised"
      >
        <div className="h-full rounded-full bg-accent transition-[width] duration-300" style={{ width: `${percent}%` }} />
      </div>
      <p className="num flex flex-wrap justify-between gap-x-4 text-xs text-muted">
        <span data-testid="progress-count">
          {formatFraction(progress.fraction, false, 1)} · {progressCount(progress)}
        </span>
        <span data-testid="progress-eta">
          {[etaText(run.status, progress), run.status === 'running' ? `${formatDuration(progress.elapsedMs)} elapsed` : ''].filter(Boolean).join(' · ')}
        </span>
      </p>
    </div>
  );
}
