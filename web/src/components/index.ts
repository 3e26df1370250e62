// The UI kit: every screen builds from these.
export { Badge, type BadgeTone } from './badge.tsx';
export { Button, type ButtonProps, type ButtonVariant } from './button.tsx';
export { Card, Panel, type PanelProps } from './card.tsx';
export { cx } from './cx.ts';
export { DataTable, type Column, type DataTableProps } from './data-table.tsx';
export { ErrorBanner } from './error-banner.tsx';
export { Figure } from './figure.tsx';
export { Checkbox, Select, TextField, type CheckboxProps, type SelectOption, type SelectProps, type TextFieldProps } from './fields.tsx';
export { Modal, type ModalProps } from './modal.tsx';
export { Page, PlaceholderPage, type PageProps } from './page.tsx';
export { RowActions, type RowAction, type RowActionsProps } from './row-actions.tsx';
export { Spinner } from './spinner.tsx';
export { Tabs, type TabItem, type TabsProps } from './tabs.tsx';
export { ToastProvider, useToast, type ToastApi, type ToastTone } from './toasts.tsx';
