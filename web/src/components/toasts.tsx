// Toasts: short notices in a corner (order placed, copied, failed); useToast().show(...) from anywhere under <ToastProvider>.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../lib/api.ts';
import { cx } from './cx.ts';

export type ToastTone = 'info' | 'success' | 'error';

interface Toast {
  readonly id: number;
  readonly tone: ToastTone;
  readonly message: ReactNode;
}

export interface ToastApi {
  readonly show: (message: ReactNode, tone?: ToastTone) => void;
  /** Shows an error; an ApiError shows its code and message. */
  readonly error: (error: unknown) => void;
}

const ToastContext = createContext<ToastApi | undefined>(undefined);
const LIFETIME_MS = 5_000;

const TONES: Record<ToastTone, string> = {
  info: 'border-line',
  success: 'border-up/60',
  error: 'border-down/60',
};

export function ToastProvider({ children }: { readonly children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (message: ReactNode, tone: ToastTone = 'info') => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-4), { id, tone, message }]);
      window.setTimeout(() => dismiss(id), LIFETIME_MS);
    },
    [dismiss],
  );
  const value = useMemo<ToastApi>(
    () => ({
      show,
      error: (error) => show(error instanceof ApiError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : typeof error === 'string' ? error : 'Something went wrong.', 'error'),
    }),
    [show],
  );
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed right-3 bottom-3 z-50 flex w-[min(22rem,calc(100vw-1.5rem))] flex-col gap-2">
        {toasts.map((toast) => (
          <div key={toast.id} role={toast.tone === 'error' ? 'alert' : 'status'} className={cx('pointer-events-auto flex items-start gap-2 rounded border bg-raised px-3 py-2 text-sm shadow-lg', TONES[toast.tone])}>
            <div className="flex-1">{toast.message}</div>
            <button type="button" aria-label="Dismiss" onClick={() => dismiss(toast.id)} className="text-muted hover:text-fg">
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const value = useContext(ToastContext);
  if (!value) throw new Error('useToast needs <ToastProvider> above it');
  return value;
}
