import type { ReactNode } from 'react';
import {
  Button,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  NumberField,
  Popover,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
  Group,
} from 'react-aria-components';

interface Common {
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

export function NumberInput(
  props: Common & {
    defaultValue?: number;
    minValue?: number;
    maxValue?: number;
    step?: number;
    formatOptions?: Intl.NumberFormatOptions;
  },
) {
  const { name, label, description, ...rest } = props;
  return (
    <NumberField className="field" name={name} validationBehavior="aria" {...rest}>
      <Label>{label}</Label>
      <Group className="number-group">
        <Input />
      </Group>
      {description ? <Text slot="description">{description}</Text> : null}
      <FieldError className="field-error" />
    </NumberField>
  );
}

export function SelectInput<K extends string>(
  props: Common & { options: readonly { id: K; label: string }[]; defaultValue?: K; value?: K; onChange?: (value: K) => void },
) {
  const { name, label, description, options, defaultValue, value, onChange, ...rest } = props;
  return (
    <Select
      className="field"
      name={name}
      validationBehavior="aria"
      defaultValue={defaultValue}
      value={value}
      onChange={onChange ? (k) => k !== null && onChange(String(k) as K) : undefined}
      {...rest}
    >
      <Label>{label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true" className="chevron">
          ▾
        </span>
      </Button>
      {description ? <Text slot="description">{description}</Text> : null}
      <FieldError className="field-error" />
      <Popover className="popover">
        <ListBox className="listbox">
          {options.map((o) => (
            <ListBoxItem key={o.id} id={o.id} className="listbox-item" textValue={o.label}>
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

export function optionsOf<K extends string>(values: readonly K[]): { id: K; label: string }[] {
  return values.map((v) => ({ id: v, label: v.charAt(0).toUpperCase() + v.slice(1) }));
}
