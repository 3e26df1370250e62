// Spinner: a small busy indicator with an accessible label.
import { cx } from './cx.ts';

export function Spinner({ size = 'md', label = 'Loading', className }: { readonly size?: 'sm' | 'md'; readonly label?: string; readonly className?: string }) {
  return (
    <span role={label ? 'status' : undefined} className={cx('inline-flex items-center gap-2 text-muted', className)}>
      <span aria-hidden="true" className={cx('animate-spin rounded-full border-2 border-current border-t-transparent', size === 'sm' ? 'size-3' : 'size-4')} />
      {label && <span className="sr-only">{label}</span>}
    </span>
  );
}
