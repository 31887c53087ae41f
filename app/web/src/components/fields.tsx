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
  Group,
} from 'react-aria-components';
// The text field lives in a module of its own: the sign-in page, in the first download,
// needs it, and a module shared with it is fetched with it whole (selects, number fields).
import type { Common } from './text-input';
export { TextInput } from './text-input';

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
