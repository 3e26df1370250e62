// Button: the one button of the dashboard, in five variants and two sizes, with a busy state.
import type { ButtonHTMLAttributes } from 'react';
import { cx } from './cx.ts';
import { Spinner } from './spinner.tsx';

export type ButtonVariant = 'primary' | 'buy' | 'sell' | 'ghost' | 'danger';

const VARIANTS: Record<ButtonVariant, string> = {
  primary: 'bg-accent text-white hover:bg-accent/85',
  buy: 'bg-up-strong text-white hover:bg-up',
  sell: 'bg-down-strong text-white hover:bg-down',
  ghost: 'bg-transparent text-fg border border-line hover:bg-raised',
  danger: 'bg-transparent text-down border border-down/60 hover:bg-down/15',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  readonly variant?: ButtonVariant;
  readonly size?: 'sm' | 'md';
  /** Shows a spinner and disables the button (e.g. while a form submits). */
  readonly busy?: boolean;
}

export function Button({ variant = 'primary', size = 'md', busy = false, disabled, className, children, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={cx(
        'inline-flex items-center justify-center gap-1.5 rounded font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50',
        size === 'sm' ? 'h-7 px-2 text-xs' : 'h-8 px-3 text-sm',
        VARIANTS[variant],
        className,
      )}
      {...rest}
    >
      {busy && <Spinner size="sm" label="" />}
      {children}
    </button>
  );
}
