import type { DatasetVersionRow } from '../../../schema/dataset-versions.table';
import type { DatasetRow } from '../../../schema/datasets.table';
import type { ProjectRow } from '../../../schema/projects.table';
import type { TaskRow } from '../../../schema/tasks.table';
import type { UserRow } from '../../../schema/users.table';
import type { MemberWithEmail } from '../repositories/project-member-repository';
import type { Dataset, DatasetSchema, DatasetVersion } from '../schemas/dataset.schema';
import type { Project, ProjectMember } from '../schemas/project.schema';
import type { Task } from '../schemas/task.schema';
import type { Me, User } from '../schemas/user.schema';
import { toIsoTimestamp } from '../time';

/** Row -> API shape converters: snake_case columns become the camelCase JSON of the contract. */
export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: toIsoTimestamp(row.created_at),
    disabled: row.disabled_at !== null,
    disabledAt: toIsoTimestamp(row.disabled_at),
  };
}

export function presentMe(row: Pick<UserRow, 'id' | 'email' | 'role'>): Me {
  return { id: row.id, email: row.email, role: row.role };
}

export function presentProject(row: ProjectRow): Project {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    description: row.description,
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

export function presentMember(projectId: number, row: MemberWithEmail): ProjectMember {
  return { projectId, userId: row.user_id, email: row.email, role: row.role };
}

export function presentTask(row: TaskRow): Task {
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    kind: row.kind,
    status: row.status,
    notebook: row.notebook,
    parameters: JSON.parse(row.parameters) as Record<string, unknown>,
    schedule: row.schedule,
    timeZone: row.time_zone,
    timeoutSeconds: row.timeout_seconds,
    maxRetries: row.max_retries,
    retryDelaySeconds: row.retry_delay_seconds,
    application: row.application,
    arguments: row.arguments === null ? [] : (JSON.parse(row.arguments) as string[]),
    spark: row.spark === null ? null : (JSON.parse(row.spark) as Task['spark']),
    outputDatasetId: row.output_dataset_id,
    createdBy: row.created_by,
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
    startedAt: toIsoTimestamp(row.started_at),
    finishedAt: toIsoTimestamp(row.finished_at),
  };
}

export function presentDataset(row: DatasetRow): Dataset {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    managed: row.kind === 'managed',
    uri: row.uri,
    format: row.format,
    sizeBytes: Number(row.size_bytes),
    version: row.version,
    rowCount: row.row_count === null ? null : Number(row.row_count),
    schema: row.schema_json === null ? null : (JSON.parse(row.schema_json) as DatasetSchema),
    createdBy: row.created_by,
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

export function presentDatasetVersion(row: Omit<DatasetVersionRow, 'profile_json'>): DatasetVersion {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    version: row.version,
    format: row.format,
    sizeBytes: Number(row.size_bytes),
    rowCount: Number(row.row_count),
    schema: JSON.parse(row.schema_json) as DatasetSchema,
    sha256: row.sha256,
    runId: row.run_id,
    createdBy: row.created_by,
    createdAt: toIsoTimestamp(row.created_at),
  };
}
