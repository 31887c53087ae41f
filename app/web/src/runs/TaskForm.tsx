import { useState } from 'react';
import { TASK_KINDS, type Dataset, type Task, type TaskKind } from '../api/client';
import type { LibraryFile, NotebookParameter, ProjectFile } from '../api/runs';
import { NumberInput, SelectInput, TextInput, optionsOf } from '../components/fields';
import { FieldValidationError, ServerForm } from '../components/ServerForm';
import { ParameterFields } from './ParameterFields';
import { readParameters } from './parameters';
import { ScheduleField } from './ScheduleField';

/** What the form sends to POST /api/projects/:id/tasks or PATCH /api/tasks/:id. */
export interface TaskValues {
  title: string;
  kind: TaskKind;
  notebook: string | null;
  application: string | null;
  arguments?: string[];
  parameters: Record<string, unknown>;
  schedule: string | null;
  timeZone?: string;
  timeoutSeconds?: number;
  maxRetries?: number;
  retryDelaySeconds?: number;
  outputDatasetId?: number | null;
}

/** Files a task can name: the project's own and the platform library's, with their declared parameters. */
export interface CodeFiles {
  readonly files: readonly ProjectFile[];
  readonly library: readonly LibraryFile[];
}

const NO_DATASET = 'none';
const text = (data: FormData, name: string): string => String(data.get(name) ?? '').trim();

function codeOptions(code: CodeFiles, extension: '.ipynb' | '.py', current: string | null | undefined) {
  const names = [...code.files.map((f) => f.name), ...code.library.map((f) => f.name)].filter((n) => n.endsWith(extension));
  // A task keeps naming a file that was deleted since; it stays selectable so an edit does not change it silently.
  if (current && current.endsWith(extension) && !names.includes(current)) names.push(current);
  return names.map((n) => ({ id: n, label: n }));
}

function declaredParameters(code: CodeFiles, name: string | undefined): readonly NotebookParameter[] | undefined {
  if (!name) return undefined;
  return (code.files.find((f) => f.name === name) ?? code.library.find((f) => f.name === name))?.parameters;
}

function parseJsonObject(raw: string): Record<string, unknown> {
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new FieldValidationError({ parameters: 'Parameters must be valid JSON, for example {"date": "2024-01-31"}.' });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new FieldValidationError({ parameters: 'Parameters must be a JSON object of name: value pairs.' });
  }
  return value as Record<string, unknown>;
}

function wholeNumber(data: FormData, name: string, label: string, min: number, max: number): number {
  const raw = text(data, name);
  const n = Number(raw);
  if (!raw || !Number.isInteger(n) || n < min || n > max) {
    throw new FieldValidationError({ [name]: `${label} must be a whole number from ${min} to ${max}.` });
  }
  return n;
}

export interface TaskFormProps {
  initial?: Task;
  code: CodeFiles;
  /** The project's datasets; managed ones can receive a run's output. */
  datasets: readonly Dataset[];
  onSubmit: (values: TaskValues) => Promise<void>;
  onCancel?: () => void;
}

/**
 * A task: what it runs (a notebook or a PySpark application, from the project's files or the
 * platform library), the notebook's parameters as typed fields, limits, retries, the dataset
 * its output becomes a version of, and an optional schedule.
 */
export function TaskForm({ initial, code, datasets, onSubmit, onCancel }: TaskFormProps) {
  const [kind, setKind] = useState<TaskKind>(initial?.kind ?? 'notebook');
  const notebooks = codeOptions(code, '.ipynb', initial?.notebook);
  const applications = codeOptions(code, '.py', initial?.application);
  const [notebook, setNotebook] = useState<string | undefined>(initial?.notebook ?? notebooks[0]?.id);
  const declared = kind === 'notebook' ? declaredParameters(code, notebook) : undefined;
  const managed = datasets.filter((d) => d.managed);

  return (
    <ServerForm<TaskValues>
      ariaLabel={initial ? 'Edit task' : 'New task'}
      submitLabel={initial ? 'Save task' : 'Add task'}
      onCancel={onCancel}
      onSubmit={onSubmit}
      parse={(d) => {
        const values: TaskValues = {
          title: text(d, 'title'),
          kind,
          notebook: kind === 'notebook' ? text(d, 'notebook') || null : null,
          application: kind === 'spark' ? text(d, 'application') || null : null,
          parameters: {},
          schedule: text(d, 'schedule') || null,
        };
        if (kind !== 'manual') {
          const output = text(d, 'outputDatasetId');
          Object.assign(values, {
            timeZone: text(d, 'timeZone') || 'UTC',
            timeoutSeconds: wholeNumber(d, 'timeoutSeconds', 'Timeout', 60, 86_400),
            maxRetries: wholeNumber(d, 'maxRetries', 'Retries', 0, 5),
            retryDelaySeconds: wholeNumber(d, 'retryDelaySeconds', 'Retry delay', 0, 3600),
            outputDatasetId: output && output !== NO_DATASET ? Number(output) : null,
          });
        }
        if (kind === 'notebook' && declared) {
          const { values: parameters, errors } = readParameters(d, declared);
          if (Object.keys(errors).length > 0) throw new FieldValidationError(errors);
          values.parameters = parameters;
        } else if (kind !== 'manual') {
          values.parameters = parseJsonObject(text(d, 'parameters'));
        }
        if (kind === 'spark') {
          values.arguments = String(d.get('arguments') ?? '')
            .split('\n')
            .map((a) => a.trim())
            .filter(Boolean);
        }
        return values;
      }}
    >
      <TextInput name="title" label="Title" isRequired defaultValue={initial?.title} autoFocus maxLength={200} />
      <SelectInput name="kind" label="Kind" isRequired options={optionsOf(TASK_KINDS)} value={kind} onChange={setKind} />
      {kind === 'notebook' ? (
        <>
          <SelectInput
            name="notebook"
            label="Notebook"
            isRequired
            options={notebooks}
            value={notebook}
            onChange={setNotebook}
            description={
              notebooks.length ? 'A notebook of the project, or one of the platform library.' : 'Upload a notebook under Files first.'
            }
          />
          {declared ? (
            <ParameterFields
              key={notebook}
              parameters={declared}
              values={initial?.notebook === notebook ? initial?.parameters : undefined}
            />
          ) : (
            <RawParameters initial={initial} />
          )}
        </>
      ) : null}
      {kind === 'spark' ? (
        <>
          <SelectInput
            name="application"
            label="Application"
            isRequired
            options={applications}
            defaultValue={initial?.application ?? applications[0]?.id}
            description={
              applications.length
                ? 'A PySpark file of the project, or one of the platform library.'
                : 'Upload a .py file under Files first.'
            }
          />
          <TextInput
            name="arguments"
            label="Arguments"
            multiline
            description="One per line, passed to the application in order."
            defaultValue={(initial?.arguments ?? []).join('\n')}
          />
          <RawParameters initial={initial} />
        </>
      ) : null}
      {kind !== 'manual' ? (
        <fieldset className="fieldset">
          <legend>Execution</legend>
          <NumberInput
            name="timeoutSeconds"
            label="Timeout (seconds)"
            isRequired
            minValue={60}
            maxValue={86_400}
            step={1}
            defaultValue={initial?.timeoutSeconds ?? 3600}
            formatOptions={{ useGrouping: false, maximumFractionDigits: 0 }}
          />
          <NumberInput
            name="maxRetries"
            label="Retries"
            isRequired
            minValue={0}
            maxValue={5}
            step={1}
            defaultValue={initial?.maxRetries ?? 0}
            description="How many more attempts a failed run gets (0 to 5)."
          />
          <NumberInput
            name="retryDelaySeconds"
            label="Retry delay (seconds)"
            isRequired
            minValue={0}
            maxValue={3600}
            step={1}
            defaultValue={initial?.retryDelaySeconds ?? 60}
            formatOptions={{ useGrouping: false, maximumFractionDigits: 0 }}
          />
          <SelectInput
            name="outputDatasetId"
            label="Output dataset"
            options={[{ id: NO_DATASET, label: 'None' }, ...managed.map((ds) => ({ id: String(ds.id), label: ds.name }))]}
            defaultValue={initial?.outputDatasetId ? String(initial.outputDatasetId) : NO_DATASET}
            description="A succeeded run adds its result file as this dataset's next version."
          />
        </fieldset>
      ) : null}
      {kind !== 'manual' ? <ScheduleField schedule={initial?.schedule} timeZone={initial?.timeZone} /> : null}
    </ServerForm>
  );
}

/** Parameters as a JSON object, when the code declares none the UI knows of. */
function RawParameters({ initial }: { initial?: Task }) {
  return (
    <TextInput
      name="parameters"
      label="Parameters (JSON)"
      multiline
      description='A JSON object, e.g. {"date": "2024-01-31"}.'
      defaultValue={initial?.parameters && Object.keys(initial.parameters).length ? JSON.stringify(initial.parameters) : ''}
    />
  );
}
