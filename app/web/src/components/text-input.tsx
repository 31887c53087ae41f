import type { ReactNode } from 'react';
import { FieldError, Input, Label, Text, TextArea, TextField } from 'react-aria-components';

export interface Common {
  name: string;
  label: string;
  description?: ReactNode;
  isRequired?: boolean;
  isDisabled?: boolean;
}

/**
 * Field wrappers over react-aria-components: a visible label tied to the control, the
 * description and the error (client-side or the API's, through <Form validationErrors>)
 * announced with it.
 */
export function TextInput(
  props: Common & {
    type?: 'text' | 'email' | 'password' | 'search' | 'url';
    defaultValue?: string;
    autoComplete?: string;
    autoFocus?: boolean;
    minLength?: number;
    maxLength?: number;
    multiline?: boolean;
    placeholder?: string;
    validate?: (value: string) => string | true | null | undefined;
    onChange?: (value: string) => void;
  },
) {
  const { name, label, description, multiline, placeholder, ...rest } = props;
  return (
    <TextField className="field" name={name} validationBehavior="aria" {...rest}>
      <Label>{label}</Label>
      {multiline ? <TextArea rows={3} placeholder={placeholder} /> : <Input placeholder={placeholder} />}
      {description ? <Text slot="description">{description}</Text> : null}
      <FieldError className="field-error" />
    </TextField>
  );
}
