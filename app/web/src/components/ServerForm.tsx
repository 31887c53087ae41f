import { createContext, useState, type ReactNode } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { ApiError } from '../api/errors';
import { FormError } from './states';

/** Thrown by a form's parser when a value is wrong before any request is made. */
export class FieldValidationError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super(Object.values(fields)[0] ?? 'Invalid value');
  }
}

/** The field errors of the enclosing ServerForm, for controls without a FieldError slot. */
export const FormFieldErrors = createContext<Readonly<Record<string, string>>>({});

export interface ServerFormProps<T> {
  /** Turns the form's data into the request body; throw FieldValidationError to refuse. */
  parse: (data: FormData) => T;
  onSubmit: (values: T) => Promise<void>;
  submitLabel: string;
  children: ReactNode;
  ariaLabel?: string;
  onCancel?: () => void;
  className?: string;
}

/**
 * A form whose errors come back from the API: field-level ones are shown next to their
 * field (react-aria's validationErrors, cleared when the field changes); the rest above
 * the buttons.
 */
export function ServerForm<T>({ parse, onSubmit, submitLabel, children, ariaLabel, onCancel, className = 'form' }: ServerFormProps<T>) {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<unknown>(undefined);
  const [pending, setPending] = useState(false);
  return (
    <Form
      className={className}
      aria-label={ariaLabel}
      validationBehavior="aria"
      validationErrors={fieldErrors}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        setFormError(undefined);
        let values: T;
        try {
          values = parse(new FormData(form));
        } catch (e) {
          if (e instanceof FieldValidationError) {
            setFieldErrors(e.fields);
            return;
          }
          throw e;
        }
        setFieldErrors({});
        setPending(true);
        try {
          await onSubmit(values);
        } catch (e) {
          if (e instanceof ApiError && Object.keys(e.fields).length > 0) {
            setFieldErrors(e.fields);
            const known = Object.keys(e.fields).some((name) => form.querySelector(`[name="${CSS.escape(name)}"]`));
            if (!known) setFormError(e);
          } else {
            setFormError(e);
          }
        } finally {
          setPending(false);
        }
      }}
    >
      <div
        className="form-fields"
        onInput={(event) => {
          // A field's server error goes once the user edits that field.
          const name = (event.target as HTMLInputElement).name;
          if (name && name in fieldErrors) {
            setFieldErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => k !== name)));
          }
        }}
      >
        <FormFieldErrors.Provider value={fieldErrors}>{children}</FormFieldErrors.Provider>
      </div>
      <FormError error={formError} />
      <div className="form-actions">
        {onCancel ? (
          <Button className="button" onPress={onCancel} isDisabled={pending}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" className="button primary" isPending={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </Form>
  );
}

export interface FormDialogProps {
  /** Text of the button that opens the dialog. */
  label: string;
  ariaLabel?: string;
  title: string;
  className?: string;
  children: (close: () => void) => ReactNode;
}

/** A button that opens a modal dialog holding a form. */
export function FormDialog({ label, ariaLabel, title, className = 'button', children }: FormDialogProps) {
  return (
    <DialogTrigger>
      <Button className={className} aria-label={ariaLabel}>
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{title}</Heading>
                {children(close)}
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
