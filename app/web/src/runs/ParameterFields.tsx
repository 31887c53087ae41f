import type { NotebookParameter } from '../api/runs';
import { CheckboxInput } from '../components/CheckboxInput';
import { NumberInput, TextInput } from '../components/fields';
import { initialValue, inputKindOf, jsonText, parameterField } from './parameters';

/**
 * One input per declared parameter, chosen by the JSON type of its default: a checkbox for a
 * boolean, a number field for a number, a text field for a string, JSON for the rest. Each
 * starts from the task's value, else the notebook's default.
 */
export function ParameterFields({
  parameters,
  values,
}: {
  parameters: readonly NotebookParameter[];
  values: Record<string, unknown> | undefined;
}) {
  if (parameters.length === 0) return <p className="muted small">This notebook declares no parameters.</p>;
  return (
    <fieldset className="fieldset" data-testid="parameter-fields">
      <legend>Parameters</legend>
      {parameters.map((p) => {
        const value = initialValue(p, values);
        const name = parameterField(p.name);
        const description = `${p.type}, default ${jsonText(p.default)}${p.nullable ? '; empty for null' : ''}`;
        switch (inputKindOf(p.type)) {
          case 'boolean':
            return <CheckboxInput key={p.name} name={name} label={p.name} description={description} defaultSelected={value === true} />;
          case 'number':
            return (
              <NumberInput
                key={p.name}
                name={name}
                label={p.name}
                description={description}
                defaultValue={typeof value === 'number' ? value : undefined}
                step={p.type === 'integer' ? 1 : undefined}
                formatOptions={{ useGrouping: false, maximumFractionDigits: p.type === 'integer' ? 0 : 20 }}
              />
            );
          case 'text':
            return (
              <TextInput
                key={p.name}
                name={name}
                label={p.name}
                description={description}
                defaultValue={typeof value === 'string' ? value : ''}
              />
            );
          default:
            return (
              <TextInput key={p.name} name={name} label={p.name} description={`${description} (JSON)`} defaultValue={jsonText(value)} />
            );
        }
      })}
    </fieldset>
  );
}
