import type { Migration } from 'kysely';
import * as createUsers from './0001_create_users';
import * as createProjects from './0002_create_projects';
import * as createProjectMembers from './0003_create_project_members';
import * as createTasks from './0004_create_tasks';
import * as createDatasets from './0005_create_datasets';
import * as createRefreshTokens from './0006_create_refresh_tokens';
import * as createRuns from './0007_create_runs';
import * as managedDatasets from './0010_managed_datasets';
import * as createDatasetVersions from './0011_create_dataset_versions';
import * as createProjectFiles from './0020_create_project_files';
import * as taskRunSettings from './0021_task_run_settings';
import * as createCharts from './0030_create_charts';

/**
 * Every migration, keyed by its file name. Listed statically (rather than read from the
 * folder) so the same list works from TypeScript sources and from compiled JavaScript.
 */
export const migrations: Record<string, Migration> = {
  '0001_create_users': createUsers,
  '0002_create_projects': createProjects,
  '0003_create_project_members': createProjectMembers,
  '0004_create_tasks': createTasks,
  '0005_create_datasets': createDatasets,
  '0006_create_refresh_tokens': createRefreshTokens,
  '0007_create_runs': createRuns,
  '0010_managed_datasets': managedDatasets,
  '0011_create_dataset_versions': createDatasetVersions,
  '0020_create_project_files': createProjectFiles,
  '0021_task_run_settings': taskRunSettings,
  '0030_create_charts': createCharts,
};
