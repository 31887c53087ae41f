import { useId, type ReactNode } from 'react';
import type { BuilderField } from './builder-spec';

export type FieldErrors = Partial<Record<BuilderField, string>>;

/**
 * One labelled field of the chart builder with its error under it: the control gets
 * aria-invalid and is described by the error, so a screen reader reads it on focus.
 */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field" data-invalid={error ? true : undefined}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      {hint ? (
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The y columns: one checkbox per column of the source, in a labelled group. */
export function MeasureField({
  columns,
  value,
  onChange,
  error,
}: {
  columns: readonly string[];
  value: readonly string[];
  onChange: (y: string[]) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset className="field measure-field" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Values (y)</legend>
      {columns.length === 0 ? <p className="muted small">Pick a source to see its columns.</p> : null}
      {columns.map((c) => (
        <label key={c} className="checkbox">
          <input
            type="checkbox"
            checked={value.includes(c)}
            onChange={(e) => onChange(e.target.checked ? [...value, c] : value.filter((v) => v !== c))}
          />{' '}
          {c}
        </label>
      ))}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
