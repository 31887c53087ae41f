import { useContext, useId, type ReactNode } from 'react';
import { Checkbox } from 'react-aria-components';
import { FormFieldErrors } from './ServerForm';

export interface CheckboxInputProps {
  name: string;
  label: string;
  description?: ReactNode;
  isDisabled?: boolean;
  defaultSelected?: boolean;
}

/**
 * A checkbox with a label; an error the API gives for it (react-aria's Checkbox has no
 * FieldError slot) is read from the form and announced with it.
 */
export function CheckboxInput(props: CheckboxInputProps) {
  const { name, label, description, defaultSelected, isDisabled } = props;
  const errorId = useId();
  const error = useContext(FormFieldErrors)[name];
  return (
    <div className="field field-checkbox">
      <Checkbox
        name={name}
        value="true"
        defaultSelected={defaultSelected}
        isDisabled={isDisabled}
        isInvalid={Boolean(error)}
        aria-describedby={error ? errorId : undefined}
        className="checkbox"
      >
        <span className="checkbox-box" aria-hidden="true" />
        {label}
      </Checkbox>
      {description ? <span className="field-description">{description}</span> : null}
      {error ? (
        <span id={errorId} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
