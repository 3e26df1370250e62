// useSubmit: runs a form's async action with busy state, and keeps the server's refusal (ApiError) with its per-field messages.
import { useCallback, useState, type FormEvent } from 'react';
import { ApiError } from '../lib/api.ts';

export interface SubmitState {
  readonly busy: boolean;
  /** The last refusal, for <ErrorBanner>. */
  readonly error: ApiError | undefined;
  /** Validation messages by field path (`details[].path` of a validation refusal, whatever its INVALID_* code). */
  readonly fieldErrors: Record<string, string>;
  /** Use as a <form onSubmit>: prevents the page load and runs the action. */
  readonly onSubmit: (event?: FormEvent) => void;
  readonly reset: () => void;
}

export function useSubmit(action: () => Promise<void>): SubmitState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const onSubmit = useCallback(
    (event?: FormEvent) => {
      event?.preventDefault();
      setBusy(true);
      setError(undefined);
      action().then(
        () => setBusy(false),
        (caught: unknown) => {
          setBusy(false);
          setError(caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', caught instanceof Error ? caught.message : String(caught)));
        },
      );
    },
    [action],
  );
  const reset = useCallback(() => setError(undefined), []);
  return { busy, error, fieldErrors: error?.fieldErrors ?? {}, onSubmit, reset };
}
