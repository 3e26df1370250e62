// Panel: a titled box that groups one part of a screen; the title is a heading for screen readers too.
import type { ReactNode } from 'react';
import { cx } from './cx.ts';

export interface PanelProps {
  readonly title?: ReactNode;
  /** Buttons or filters at the right of the title bar. */
  readonly actions?: ReactNode;
  readonly children: ReactNode;
  readonly className?: string;
  /** Removes the body padding (tables reach the edges). */
  readonly flush?: boolean;
}

export function Panel({ title, actions, children, className, flush = false }: PanelProps) {
  return (
    <section className={cx('flex min-w-0 flex-col rounded-md border border-line bg-surface', className)}>
      {(title !== undefined || actions !== undefined) && (
        <header className="flex min-h-9 items-center justify-between gap-2 border-b border-line px-3 py-1.5">
          {title !== undefined && <h2 className="text-sm font-semibold text-fg">{title}</h2>}
          {actions !== undefined && <div className="flex items-center gap-2">{actions}</div>}
        </header>
      )}
      <div className={cx('min-h-0 flex-1', !flush && 'p-3')}>{children}</div>
    </section>
  );
}

/** Card is Panel under the name some screens expect. */
export const Card = Panel;
