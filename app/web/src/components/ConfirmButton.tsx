import { useState, type ReactNode } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { describeError } from '../api/errors';

export interface ConfirmButtonProps {
  /** Text of the button that opens the confirmation. */
  label: string;
  /** Accessible name when the visible label is too short (e.g. "Delete task X"). */
  ariaLabel?: string;
  title: string;
  children: ReactNode;
  confirmLabel?: string;
  onConfirm: () => Promise<void>;
  className?: string;
}

/** A destructive action behind an alert dialog; errors stay inside the dialog. */
export function ConfirmButton({
  label,
  ariaLabel,
  title,
  children,
  confirmLabel = 'Delete',
  onConfirm,
  className = 'button danger',
}: ConfirmButtonProps) {
  const [isOpen, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  return (
    <DialogTrigger
      isOpen={isOpen}
      onOpenChange={(open) => {
        setOpen(open);
        if (open) setError(undefined);
      }}
    >
      <Button className={className} aria-label={ariaLabel}>
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy}>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{title}</Heading>
                <div className="dialog-body">{children}</div>
                {error ? (
                  <p className="form-error" role="alert">
                    {describeError(error)}
                  </p>
                ) : null}
                <div className="dialog-actions">
                  <Button className="button" onPress={close} isDisabled={busy} autoFocus>
                    Cancel
                  </Button>
                  <Button
                    className="button danger"
                    isPending={busy}
                    onPress={async () => {
                      setBusy(true);
                      try {
                        await onConfirm();
                        setOpen(false);
                      } catch (e) {
                        setError(e);
                      } finally {
                        setBusy(false);
                      }
                    }}
                  >
                    {confirmLabel}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
