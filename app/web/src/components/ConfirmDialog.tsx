import { useId, useRef, useState, type ReactNode } from 'react';
import { describeError } from '../api/errors';

export interface ConfirmDialogProps {
  /** Text of the button that opens the confirmation. */
  label: string;
  /** Accessible name when the visible label is too short (e.g. "Delete chart X"). */
  ariaLabel?: string;
  title: string;
  children: ReactNode;
  confirmLabel?: string;
  onConfirm: () => Promise<void>;
  className?: string;
}

/**
 * A destructive action behind a confirmation, on the browser's own modal <dialog> (focus
 * kept inside, Escape cancels, focus back on the button after): ConfirmButton's
 * react-aria modal weighs some 20 KB gzipped, too much for a page in the first download
 * after sign-in (the project dashboard).
 */
export function ConfirmDialog({
  label,
  ariaLabel,
  title,
  children,
  confirmLabel = 'Delete',
  onConfirm,
  className = 'button danger',
}: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      dialog.current?.close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={ariaLabel}
        onClick={() => {
          setError(undefined);
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        className="modal dialog native-dialog"
        role="alertdialog"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onCancel={(e) => busy && e.preventDefault()}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`} className="dialog-body">
          {children}
        </div>
        {error !== undefined ? (
          <p className="form-error" role="alert">
            {describeError(error)}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" autoFocus disabled={busy} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" className="button danger" disabled={busy} aria-busy={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
