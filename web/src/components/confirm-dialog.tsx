// ConfirmDialog: asks before something that cannot be undone (delete, role change); shows the refusal if the action fails.
import { useCallback, type ReactNode } from 'react';
import { useSubmit } from '../hooks/use-submit.ts';
import { Button, type ButtonVariant } from './button.tsx';
import { ErrorBanner } from './error-banner.tsx';
import { Modal } from './modal.tsx';

export interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: ReactNode;
  readonly children: ReactNode;
  /** The confirm button's text, e.g. "Delete bot". */
  readonly confirmLabel: string;
  readonly variant?: ButtonVariant;
  /** Runs on confirm; the dialog closes when it resolves and shows the error when it rejects. */
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
}

export function ConfirmDialog({ open, title, children, confirmLabel, variant = 'danger', onConfirm, onClose }: ConfirmDialogProps) {
  const submit = useSubmit(
    useCallback(async () => {
      await onConfirm();
      onClose();
    }, [onConfirm, onClose]),
  );
  const close = () => {
    submit.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      onClose={close}
      title={title}
      footer={
        <>
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button variant={variant} busy={submit.busy} onClick={() => submit.onSubmit()}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-2 text-sm">
        <ErrorBanner error={submit.error} />
        {children}
      </div>
    </Modal>
  );
}
