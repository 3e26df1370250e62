// AuthCard: the narrow centred frame shared by the login, register and password forms.
import { useEffect, type ReactNode } from 'react';

export function AuthCard({ title, children, footer }: { readonly title: string; readonly children: ReactNode; readonly footer?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Bourse`;
  }, [title]);
  return (
    <div className="mx-auto mt-10 w-full max-w-sm px-3">
      <div className="rounded-md border border-line bg-surface p-5">
        <h1 className="mb-4">{title}</h1>
        {children}
      </div>
      {footer && <div className="mt-3 text-center text-sm text-muted">{footer}</div>}
    </div>
  );
}
