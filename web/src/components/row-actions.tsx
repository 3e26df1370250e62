// RowActions: a table row's actions as small buttons on wide screens, and as one "Actions" menu (a native select) on phones, where a row of buttons would run off the screen.
import type { ChangeEvent } from 'react';
import { Button } from './button.tsx';

export interface RowAction {
  readonly key: string;
  readonly label: string;
  /** The accessible name, naming the row (e.g. "Disable alice"); defaults to the label. */
  readonly name?: string;
  readonly onSelect: () => void;
  readonly disabled?: boolean;
  /** Why the action is disabled, or what it does. */
  readonly title?: string;
}

export interface RowActionsProps {
  readonly actions: readonly RowAction[];
  /** The menu's accessible name on phones, naming the row (e.g. "Actions for alice"). */
  readonly menuName: string;
}

export function RowActions({ actions, menuName }: RowActionsProps) {
  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const action = actions.find((a) => a.key === event.target.value);
    // Back to the prompt, so the same action can be chosen again.
    event.target.value = '';
    if (action && !action.disabled) action.onSelect();
  };
  return (
    <>
      <span className="hidden justify-end gap-1.5 sm:flex">
        {actions.map((action) => (
          <Button key={action.key} size="sm" variant="ghost" disabled={action.disabled} title={action.title} onClick={action.onSelect} aria-label={action.name ?? action.label}>
            {action.label}
          </Button>
        ))}
      </span>
      <select aria-label={menuName} defaultValue="" onChange={choose} className="h-7 w-20 rounded border border-line bg-bg px-1 text-xs text-fg sm:hidden">
        <option value="" disabled>
          Actions…
        </option>
        {actions.map((action) => (
          <option key={action.key} value={action.key} disabled={action.disabled} title={action.title}>
            {action.label}
          </option>
        ))}
      </select>
    </>
  );
}
