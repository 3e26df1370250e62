// DataTable: rows under column definitions; numeric columns are right-aligned with tabular digits; an empty state when there are no rows; optional sortable headers.
import type { ReactNode } from 'react';
import { cx } from './cx.ts';
import { Spinner } from './spinner.tsx';

export interface Column<T> {
  /** Unique within the table. */
  readonly key: string;
  readonly header: ReactNode;
  /** The cell; defaults to `row[key]` as text. */
  readonly cell?: (row: T) => ReactNode;
  /** Right-aligned, tabular digits. */
  readonly numeric?: boolean;
  /** Hidden below the `sm` breakpoint (phones). */
  readonly hideOnMobile?: boolean;
  readonly className?: string;
  /** The header becomes a sort button when the table has `onSort`. */
  readonly sortable?: boolean;
}

export type SortDirection = 'asc' | 'desc';

export interface SortState {
  readonly key: string;
  readonly direction: SortDirection;
}

export interface DataTableProps<T> {
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[] | undefined;
  readonly rowKey: (row: T) => string | number;
  /** Shown when `rows` is empty. */
  readonly empty?: ReactNode;
  /** Shows a spinner instead of the empty state while the first load runs. */
  readonly loading?: boolean;
  readonly onRowClick?: (row: T) => void;
  /** The table's accessible name. */
  readonly label?: string;
  readonly rowClassName?: (row: T) => string | undefined;
  /** The current sort, shown on its header (aria-sort); the caller orders `rows`. */
  readonly sort?: SortState;
  /** Called with a sortable column's key when its header is pressed. */
  readonly onSort?: (key: string) => void;
  /** Narrower cell padding, for many columns in a narrow panel. */
  readonly dense?: boolean;
}

export function DataTable<T>({ columns, rows, rowKey, empty = 'Nothing here yet.', loading = false, onRowClick, label, rowClassName, sort, onSort, dense = false }: DataTableProps<T>) {
  const list = rows ?? [];
  const padding = dense ? 'px-1.5' : 'px-3';
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" aria-label={label}>
        <thead>
          <tr className="border-b border-line text-xs text-muted">
            {columns.map((column) => {
              const sorted = sort?.key === column.key ? sort.direction : undefined;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={column.sortable && onSort ? (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none') : undefined}
                  className={cx(padding, 'py-1.5 font-medium whitespace-nowrap', column.numeric ? 'text-right' : 'text-left', column.hideOnMobile && 'hidden sm:table-cell', column.className)}
                >
                  {column.sortable && onSort ? (
                    <button type="button" onClick={() => onSort(column.key)} className={cx('inline-flex items-center gap-1 hover:text-fg', sorted && 'text-fg')}>
                      {column.header}
                      <span aria-hidden="true" className="w-2">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {list.map((row) => (
            <tr
              key={rowKey(row)}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              className={cx('border-b border-line/60 last:border-0 hover:bg-raised/60', onRowClick && 'cursor-pointer', rowClassName?.(row))}
            >
              {columns.map((column) => (
                <td key={column.key} className={cx(padding, 'py-1', column.numeric ? 'num text-right' : 'text-left', column.hideOnMobile && 'hidden sm:table-cell', column.className)}>
                  {column.cell ? column.cell(row) : plain((row as Record<string, unknown>)[column.key])}
                </td>
              ))}
            </tr>
          ))}
          {list.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-muted">
                {loading ? <Spinner /> : empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A cell without a renderer shows strings and numbers as they are, anything else as nothing. */
function plain(value: unknown): ReactNode {
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}
