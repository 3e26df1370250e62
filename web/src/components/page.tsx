// Page: the frame of every screen (heading, optional actions, document title); PlaceholderPage marks a screen still to be built.
import { useEffect, type ReactNode } from 'react';
import { cx } from './cx.ts';

export interface PageProps {
  readonly title: string;
  /** Next to the heading: filters, buttons. */
  readonly actions?: ReactNode;
  readonly children: ReactNode;
  readonly className?: string;
}

export function Page({ title, actions, children, className }: PageProps) {
  useEffect(() => {
    document.title = `${title} · Bourse`;
  }, [title]);
  return (
    <div className={cx('mx-auto flex w-full max-w-[1600px] flex-col gap-3 p-3', className)}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1>{title}</h1>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {children}
    </div>
  );
}

export function PlaceholderPage({ title, description }: { readonly title: string; readonly description: ReactNode }) {
  return (
    <Page title={title}>
      <p className="text-muted">{description}</p>
      <p className="text-xs text-muted">This screen is not built yet.</p>
    </Page>
  );
}
