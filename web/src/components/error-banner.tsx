// ErrorBanner: shows an API error's code and message (or any error) in an alert box.
import { ApiError } from '../lib/api.ts';
import { cx } from './cx.ts';

export function ErrorBanner({ error, className, onRetry }: { readonly error: unknown; readonly className?: string; readonly onRetry?: () => void }) {
  if (error === undefined || error === null) return null;
  const code = error instanceof ApiError ? error.code : undefined;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'Something went wrong.';
  return (
    <div role="alert" className={cx('flex items-start gap-2 rounded border border-down/50 bg-down/10 px-3 py-2 text-sm', className)}>
      <div className="min-w-0 flex-1">
        {code && <span className="mr-2 font-mono text-xs font-semibold text-down">{code}</span>}
        <span className="text-fg">{message}</span>
      </div>
      {onRetry && (
        <button type="button" onClick={onRetry} className="text-xs text-accent underline">
          Retry
        </button>
      )}
    </div>
  );
}
