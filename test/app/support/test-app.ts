import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../app/server/app';
import { loadConfig, type AppConfig } from '../../../app/server/config';
import type { AppContext, Principal } from '../../../app/server/context';
import { createUserRow } from '../../../app/server/services/user-service';
import type { UserRole } from '../../../schema/users.table';
import type { TestDatabase } from './test-databases';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'admin-password-123';
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';
export const USER_PASSWORD = 'user-password-1234';

export interface TestAppOptions {
  readonly database: TestDatabase;
  readonly redisUrl?: string;
  /** Shared by app instances that should see each other's Redis keys and events. */
  readonly redisKeyPrefix?: string;
  readonly config?: Partial<AppConfig>;
  readonly env?: NodeJS.ProcessEnv;
  /** Kubernetes API access for the cluster overview (an API stand-in). @default none */
  readonly kubeConfig?: KubeConfig;
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  readonly config: AppConfig;
  /** Creates a user straight through the service and returns it with an access token. */
  createUser(role: UserRole, email?: string): Promise<TestUser>;
  request(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestUser extends Principal {
  readonly token: string;
}

let counter = 0;

/** Builds the real app on the given database with test-speed password hashing and no logs. */
export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-app-'));
  const config: AppConfig = {
    ...loadConfig({
      DATABASE_URL: options.database.url,
      DATA_DIR: dataDir,
      JWT_SECRET: TEST_JWT_SECRET,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      ...options.env,
    }),
    redisUrl: options.redisUrl,
    redisKeyPrefix: options.redisKeyPrefix ?? `datavis-test:${randomBytes(4).toString('hex')}:`,
    // Cheap scrypt parameters keep the suite fast; the production defaults are tested separately.
    passwordHashing: { cost: 2 ** 10, blockSize: 8, parallelization: 1 },
    ...options.config,
  };
  const app = await buildApp({ config, logger: false, onFirstAdmin: () => undefined, kubeConfig: options.kubeConfig });
  const ctx = app.ctx;
  return {
    app,
    ctx,
    config,
    async createUser(role, email) {
      counter += 1;
      const row = await createUserRow(ctx, {
        email: email ?? `${role}-${counter}-${randomBytes(3).toString('hex')}@example.com`,
        password: USER_PASSWORD,
        role,
      });
      return { id: row.id, email: row.email, role: row.role, token: await ctx.tokens.sign(row.id) };
    },
    request({ token, headers, ...rest }) {
      return app.inject({ ...rest, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
    },
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The admin created at start-up from ADMIN_EMAIL/ADMIN_PASSWORD, with a token. */
export async function adminOf(testApp: TestApp): Promise<TestUser> {
  const row = await testApp.ctx.db.selectFrom('users').selectAll().where('email', '=', ADMIN_EMAIL).executeTakeFirstOrThrow();
  return { id: row.id, email: row.email, role: row.role, token: await testApp.ctx.tokens.sign(row.id) };
}
