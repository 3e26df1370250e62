// Modal: a dialog on the native <dialog> element: Esc closes, focus stays inside and returns to the opener when it closes.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { cx } from './cx.ts';

export interface ModalProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly title: ReactNode;
  readonly children: ReactNode;
  /** Buttons at the bottom. */
  readonly footer?: ReactNode;
  readonly className?: string;
}

export function Modal({ open, onClose, title, children, footer, className }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      // showModal makes the rest of the page inert, so Tab cannot leave the dialog.
      dialog.showModal();
      return () => opener?.focus();
    }
    if (!open && dialog.open) dialog.close();
    return undefined;
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
      className={cx('m-auto w-[min(32rem,calc(100vw-2rem))] rounded-md border border-line bg-surface p-0 text-fg backdrop:bg-black/60', className)}
    >
      {open && (
        <div className="flex flex-col">
          <header className="flex items-center justify-between border-b border-line px-4 py-2">
            <h2 id={titleId}>{title}</h2>
            <button type="button" onClick={onClose} aria-label="Close" className="rounded px-1.5 text-lg leading-none text-muted hover:text-fg">
              ×
            </button>
          </header>
          <div className="px-4 py-3">{children}</div>
          {footer && <footer className="flex justify-end gap-2 border-t border-line px-4 py-2">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
