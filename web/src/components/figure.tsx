// Figure: one labelled number in a <dl> of figures (equity, P&L, drawdown), tabular digits.
import type { ReactNode } from 'react';
import { cx } from './cx.ts';

export function Figure({ label, value, testId, className }: { readonly label: ReactNode; readonly value: ReactNode; readonly testId?: string; readonly className?: string }) {
  return (
    <div className={cx('flex min-w-0 flex-col', className)}>
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="num" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
