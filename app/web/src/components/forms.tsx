import {
  DATASET_FORMATS,
  MEMBER_ROLES,
  USER_ROLES,
  type Dataset,
  type DatasetFormat,
  type MemberRole,
  type NewDataset,
  type NewProject,
  type NewUser,
  type Project,
  type UserRole,
} from '../api/client';
import { NumberInput, SelectInput, TextInput, optionsOf } from './fields';
import { FieldValidationError, ServerForm } from './ServerForm';

const text = (data: FormData, name: string): string => String(data.get(name) ?? '').trim();

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
