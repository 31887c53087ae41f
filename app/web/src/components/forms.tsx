import {
  DATASET_FORMATS,
  MEMBER_ROLES,
  TASK_KINDS,
  TASK_STATUSES,
  USER_ROLES,
  type Dataset,
  type DatasetFormat,
  type MemberRole,
  type NewDataset,
  type NewProject,
  type NewTask,
  type NewUser,
  type Project,
  type Task,
  type TaskKind,
  type TaskStatus,
  type UserRole,
} from '../api/client';
import { NumberInput, SelectInput, TextInput, optionsOf } from './fields';
import { FieldValidationError, ServerForm } from './ServerForm';

const text = (data: FormData, name: string): string => String(data.get(name) ?? '').trim();
const optional = (data: FormData, name: string): string | null => text(data, name) || null;

interface FormProps<T, I> {
  initial?: I;
  onSubmit: (values: T) => Promise<void>;
  onCancel?: () => void;
  submitLabel?: string;
}

export function ProjectForm({ initial, onSubmit, onCancel, submitLabel }: FormProps<NewProject, Project>) {
  return (
    <ServerForm<NewProject>
      ariaLabel={initial ? 'Edit project' : 'New project'}
      submitLabel={submitLabel ?? (initial ? 'Save project' : 'Create project')}
      onCancel={onCancel}
      onSubmit={onSubmit}
      parse={(d) => ({ name: text(d, 'name'), description: text(d, 'description') })}
    >
      <TextInput name="name" label="Name" isRequired defaultValue={initial?.name} autoFocus maxLength={200} />
      <TextInput name="description" label="Description" multiline defaultValue={initial?.description ?? ''} />
    </ServerForm>
  );
}

export type TaskFormValues = NewTask & { status?: TaskStatus };

function parseParameters(raw: string): Record<string, unknown> | undefined {
  if (!raw) return undefined;
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

export function TaskForm({ initial, onSubmit, onCancel, submitLabel }: FormProps<TaskFormValues, Task>) {
  return (
    <ServerForm<TaskFormValues>
      ariaLabel={initial ? 'Edit task' : 'New task'}
      submitLabel={submitLabel ?? (initial ? 'Save task' : 'Add task')}
      onCancel={onCancel}
      onSubmit={onSubmit}
      parse={(d) => {
        const values: TaskFormValues = {
          title: text(d, 'title'),
          kind: text(d, 'kind') as TaskKind,
          notebook: optional(d, 'notebook'),
          schedule: optional(d, 'schedule'),
        };
        const parameters = parseParameters(text(d, 'parameters'));
        if (parameters) values.parameters = parameters;
        if (initial) values.status = text(d, 'status') as TaskStatus;
        return values;
      }}
    >
      <TextInput name="title" label="Title" isRequired defaultValue={initial?.title} autoFocus maxLength={200} />
      <SelectInput name="kind" label="Kind" isRequired options={optionsOf(TASK_KINDS)} defaultValue={initial?.kind ?? 'notebook'} />
      {initial ? (
        <SelectInput name="status" label="Status" isRequired options={optionsOf(TASK_STATUSES)} defaultValue={initial.status} />
      ) : null}
      <TextInput
        name="notebook"
        label="Notebook"
        description="Path of the notebook, for notebook tasks."
        defaultValue={initial?.notebook ?? ''}
      />
      <TextInput
        name="parameters"
        label="Parameters (JSON)"
        multiline
        description='A JSON object, e.g. {"date": "2024-01-31"}.'
        defaultValue={initial?.parameters ? JSON.stringify(initial.parameters) : ''}
      />
      <TextInput
        name="schedule"
        label="Schedule (cron)"
        description="Leave empty to run on demand."
        defaultValue={initial?.schedule ?? ''}
      />
    </ServerForm>
  );
}

export function DatasetForm({ initial, onSubmit, onCancel, submitLabel }: FormProps<NewDataset, Dataset>) {
  return (
    <ServerForm<NewDataset>
      ariaLabel={initial ? 'Edit dataset' : 'New dataset'}
      submitLabel={submitLabel ?? (initial ? 'Save dataset' : 'Add dataset')}
      onCancel={onCancel}
      onSubmit={onSubmit}
      parse={(d) => {
        const values: NewDataset = { name: text(d, 'name'), uri: text(d, 'uri'), format: text(d, 'format') as DatasetFormat };
        const size = text(d, 'sizeBytes');
        if (size) values.sizeBytes = Number(size);
        return values;
      }}
    >
      <TextInput name="name" label="Name" isRequired defaultValue={initial?.name} autoFocus maxLength={200} />
      <TextInput name="uri" label="URI" isRequired description="Where the data lives, e.g. s3://bucket/path/" defaultValue={initial?.uri} />
      <SelectInput
        name="format"
        label="Format"
        isRequired
        options={optionsOf(DATASET_FORMATS)}
        defaultValue={initial?.format ?? 'parquet'}
      />
      <NumberInput
        name="sizeBytes"
        label="Size (bytes)"
        minValue={0}
        step={1}
        defaultValue={initial?.sizeBytes ?? undefined}
        formatOptions={{ useGrouping: false, maximumFractionDigits: 0 }}
      />
    </ServerForm>
  );
}

export function UserForm({ onSubmit, onCancel }: FormProps<NewUser, never>) {
  return (
    <ServerForm<NewUser>
      ariaLabel="New user"
      submitLabel="Create user"
      onCancel={onCancel}
      onSubmit={onSubmit}
      parse={(d) => ({ email: text(d, 'email'), password: String(d.get('password') ?? ''), role: text(d, 'role') as UserRole })}
    >
      <TextInput name="email" label="Email" type="email" isRequired autoFocus autoComplete="off" />
      <TextInput
        name="password"
        label="Initial password"
        type="password"
        isRequired
        autoComplete="new-password"
        description="At least 12 characters."
      />
      <SelectInput name="role" label="Role" isRequired options={optionsOf(USER_ROLES)} defaultValue="analyst" />
    </ServerForm>
  );
}

export interface MemberValues {
  userId: number;
  role: MemberRole;
}

export function MemberForm({ onSubmit, onCancel }: FormProps<MemberValues, never>) {
  return (
    <ServerForm<MemberValues>
      ariaLabel="Add member"
      submitLabel="Add member"
      onCancel={onCancel}
      onSubmit={onSubmit}
      parse={(d) => {
        const raw = text(d, 'userId');
        const userId = Number(raw);
        if (!raw || !Number.isInteger(userId) || userId <= 0) throw new FieldValidationError({ userId: 'Enter the numeric id of a user.' });
        return { userId, role: text(d, 'role') as MemberRole };
      }}
    >
      <TextInput name="userId" label="User id" isRequired description="The user's numeric id (an admin can look it up under Users)." />
      <SelectInput name="role" label="Role" isRequired options={optionsOf(MEMBER_ROLES)} defaultValue="viewer" />
    </ServerForm>
  );
}
