/**
 * The platform's closed vocabularies, defined once. The database stores them (the table
 * types below schema/ derive their column types from these lists), the API validates and
 * documents them (app/server/schemas builds its enums and per-value counts from them), and
 * the UI offers and counts them (app/web imports this file).
 *
 * To add a value, append it to its list: the TypeScript types, the API's validation, its
 * OpenAPI document and the UI's choices follow. Every value is stored in a varchar column of
 * VOCABULARY_MAX_LENGTH characters; test/schema checks that each value fits the columns the
 * migrations created. A new vocabulary (for example run statuses) is a new `as const` list
 * with its derived type, here.
 *
 * This file has no imports, so the browser bundle can take it as it is.
 */

/** Global role of an account; project membership refines it per project. */
export const USER_ROLES = ['admin', 'analyst', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Role a user holds inside one project. */
export const MEMBER_ROLES = ['editor', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const TASK_KINDS = ['notebook', 'spark', 'manual'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A run's lifecycle; app/server/runs/run-state.ts says which changes are allowed. */
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Why a run exists: started by someone, by the task's schedule, or as a retry of a failed attempt. */
export const RUN_TRIGGERS = ['manual', 'schedule', 'retry'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** Where a run executes: on the server's machine, or as Kubernetes objects in the cluster. */
export const RUN_BACKENDS = ['local', 'kubernetes'] as const;
export type RunBackend = (typeof RUN_BACKENDS)[number];

export const DATASET_FORMATS = ['csv', 'parquet', 'json', 'delta'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** The formats the platform stores and reads itself (uploads, versions, queries). */
export const MANAGED_DATASET_FORMATS = ['csv', 'json', 'parquet'] as const;
export type ManagedDatasetFormat = (typeof MANAGED_DATASET_FORMATS)[number];

/**
 * Where a dataset's bytes are: `managed` (uploaded; the platform stores its versions, previews,
 * profiles and queries them) or `registered` (an external uri the platform only lists).
 */
export const DATASET_KINDS = ['managed', 'registered'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

/**
 * What the WebSocket pushes: `<resource>.<change>`. Resources that get live updates add their
 * types here (the server publishes them, the UI subscribes to them).
 */
export const EVENT_TYPES = [
  'project.created',
  'project.updated',
  'project.deleted',
  'task.created',
  'task.updated',
  'task.deleted',
  'dataset.created',
  'dataset.updated',
  'dataset.deleted',
  'run.created',
  'run.updated',
  'chart.created',
  'chart.updated',
  'chart.deleted',
  /** A chart's source got new data (a dataset it reads has a new version): its data is {chartId}. */
  'chart.data_changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Width of the varchar columns that store the values above (role, kind, status, format). */
export const VOCABULARY_MAX_LENGTH = 16;

/** Narrows `value` to one of `values` (a vocabulary list's `includes` that keeps the type). */
export function isOneOf<const T extends readonly string[]>(values: T, value: unknown): value is T[number] {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
