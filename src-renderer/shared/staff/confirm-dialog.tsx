/**
 * A modal confirmation (native `<dialog>`, so focus is trapped and Esc cancels) for the steps
 * that cannot be undone: marking an event official, deleting an event. The confirm button names
 * the action ("Mark official"), never just "OK".
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useOperatorI18n } from './i18n/use-operator-i18n.ts';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  /** data-testid of the dialog; its buttons are `confirm-ok` and `confirm-cancel` inside it. */
  testId?: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ open, title, children, confirmLabel, danger, busy, testId, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useOperatorI18n();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${testId ?? 'confirm'}-title`}
      data-testid={testId ?? 'confirm-dialog'}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${testId ?? 'confirm'}-title`} className="dialog__title">
        {title}
      </h2>
      <div className="dialog__body">{children}</div>
      <div className="dialog__actions">
        <button type="button" className="btn" onClick={onCancel} data-testid="confirm-cancel">
          {t('common.cancel')}
        </button>
        <button type="button" className={danger ? 'btn btn--danger' : 'btn btn--primary'} onClick={onConfirm} disabled={busy} data-testid="confirm-ok">
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
