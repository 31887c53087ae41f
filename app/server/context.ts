import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../schema/connection';
import type { Database } from '../../schema/database';
import type { UserRole } from '../../schema/users.table';
import type { AppConfig } from './config';
import type { QueryEngine } from './data-engine/query-engine';
import type { SandboxPool } from './data-engine/sandbox-pool';
import type { AppMetrics } from './metrics/app-metrics';
import type { EventBus } from './realtime/event-bus';
import type { RunsManager } from './runs/runs-manager';
import type { AccessTokens } from './services/access-tokens';
import type { LoginThrottle } from './services/login-throttle';
import type { PasswordHasher } from './services/password-hasher';
import type { PrincipalCache } from './services/principal-cache';
import type { ChartDataCache } from './services/chart-data-cache';
import type { ReadCache } from './services/read-cache';
import type { ObjectStorage } from './storage/object-storage';

/** Everything services need, built once per app instance. */
export interface AppContext {
  readonly config: AppConfig;
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly passwords: PasswordHasher;
  readonly tokens: AccessTokens;
  readonly throttle: LoginThrottle;
  readonly cache: ReadCache;
  /** Recently authenticated users, in this process. */
  readonly principals: PrincipalCache;
  readonly bus: EventBus;
  readonly log: FastifyBaseLogger;
  /** Dataset versions, project files and run outputs (a folder locally, S3 on AWS). */
  readonly storage: ObjectStorage;
  /** Bounded DuckDB sandboxes for reading dataset files (inspection, preview, profile). */
  readonly sandboxes: SandboxPool;
  /** Untrusted SQL over a project's datasets, in those sandboxes. */
  readonly queries: QueryEngine;
  /** Computed chart data by the dataset versions it was computed from (Redis when configured). */
  readonly chartData: ChartDataCache;
  /** Prometheus metrics of this instance; the runs service reports through `metrics.runs`. */
  readonly metrics: AppMetrics;
  /** Notebook and Spark runs on the configured backend (RUNS_BACKEND). */
  readonly runs: RunsManager;
}

/** The authenticated user making a request (see services/principal-cache.ts for how fresh). */
export interface Principal {
  readonly id: number;
  readonly email: string;
  readonly role: UserRole;
}
