// AsyncButton: a button whose action is a request; busy while it runs, a toast when it is refused.
import { useState } from 'react';
import { Button, type ButtonProps } from './button.tsx';
import { useToast } from './toasts.tsx';

export interface AsyncButtonProps extends Omit<ButtonProps, 'onClick' | 'busy'> {
  readonly onClick: () => Promise<unknown>;
}

export function AsyncButton({ onClick, ...rest }: AsyncButtonProps) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      {...rest}
      busy={busy}
      onClick={(event) => {
        event.stopPropagation();
        setBusy(true);
        onClick().then(
          () => setBusy(false),
          (error: unknown) => {
            setBusy(false);
            toast.error(error);
          },
        );
      }}
    />
  );
}
