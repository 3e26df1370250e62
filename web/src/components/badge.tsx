// Badge: a small label for statuses, sides and roles.
import type { ReactNode } from 'react';
import { cx } from './cx.ts';

export type BadgeTone = 'neutral' | 'up' | 'down' | 'warn' | 'accent';

const TONES: Record<BadgeTone, string> = {
  neutral: 'bg-raised text-muted border-line',
  up: 'bg-up/15 text-up border-up/30',
  down: 'bg-down/15 text-down border-down/30',
  warn: 'bg-warn/15 text-warn border-warn/30',
  accent: 'bg-accent/15 text-accent border-accent/30',
};

export function Badge({ tone = 'neutral', children, className }: { readonly tone?: BadgeTone; readonly children: ReactNode; readonly className?: string }) {
  return <span className={cx('inline-flex items-center rounded border px-1.5 py-px text-xs font-medium uppercase tracking-wide', TONES[tone], className)}>{children}</span>;
}
