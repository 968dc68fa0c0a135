/**
 * The confirmation before results become official (the event's, from the dashboard or the
 * officials page): one dialog, so both ask the same question the same way.
 */
import type { ReactNode } from 'react';
import { useOperatorI18n } from '../i18n/use-operator-i18n.ts';
import { ConfirmDialog } from '../confirm-dialog.tsx';

interface Props {
  open: boolean;
  busy: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
  children: ReactNode;
}

export function ConfirmOfficialDialog({ open, busy, error, onConfirm, onCancel, children }: Props) {
  const { t } = useOperatorI18n();
  return (
    <ConfirmDialog
      open={open}
      title={t('official.confirmTitle')}
      confirmLabel={t('official.confirm')}
      busy={busy}
      testId="confirm-official"
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>{children}</p>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
    </ConfirmDialog>
  );
}
