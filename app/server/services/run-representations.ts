import type { ProjectFileRow } from '../../../schema/project-files.table';
import type { RunRow } from '../../../schema/runs.table';
import type { NotebookParameter, ProjectFile } from '../schemas/file.schema';
import type { Run } from '../schemas/run.schema';
import { toIsoTimestamp } from '../time';

export function presentRun(row: RunRow): Run {
  const self = `/api/runs/${row.id}`;
  return {
    id: row.id,
    taskId: row.task_id,
    projectId: row.project_id,
    number: row.number,
    trigger: row.trigger,
    attempt: row.attempt,
    status: row.status,
    parameters: JSON.parse(row.parameters) as Record<string, unknown>,
    backend: row.backend,
    message: row.message,
    createdBy: row.created_by,
    createdAt: toIsoTimestamp(row.created_at),
    startedAt: toIsoTimestamp(row.started_at),
    finishedAt: toIsoTimestamp(row.finished_at),
    outputAvailable: row.output_key !== null,
    outputDatasetVersion: row.output_dataset_version,
    links: { self, task: `/api/tasks/${row.task_id}`, logs: `${self}/logs`, output: `${self}/output` },
  };
}

export function presentProjectFile(row: ProjectFileRow): ProjectFile {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    sizeBytes: Number(row.size_bytes),
    parameters: JSON.parse(row.parameters) as NotebookParameter[],
    createdBy: row.created_by,
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}
