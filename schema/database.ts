import type { ChartsTable } from './charts.table';
import type { DatasetVersionsTable } from './dataset-versions.table';
import type { DatasetsTable } from './datasets.table';
import type { ProjectFilesTable } from './project-files.table';
import type { ProjectMembersTable } from './project-members.table';
import type { ProjectsTable } from './projects.table';
import type { RefreshTokensTable } from './refresh-tokens.table';
import type { RunsTable } from './runs.table';
import type { TasksTable } from './tasks.table';
import type { UsersTable } from './users.table';

/** The whole database as Kysely sees it: one entry per table. */
export interface Database {
  users: UsersTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  tasks: TasksTable;
  datasets: DatasetsTable;
  dataset_versions: DatasetVersionsTable;
  refresh_tokens: RefreshTokensTable;
  runs: RunsTable;
  project_files: ProjectFilesTable;
  charts: ChartsTable;
}
