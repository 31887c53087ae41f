import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import type { KubeConfig } from '@kubernetes/client-node';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Redis } from 'ioredis';
import { createDatabaseConnection, type DatabaseConnection } from '../../schema/connection';
import { migrateToLatest } from '../../schema/migrate';
import { resolveJwtSecret, type AppConfig } from './config';
import type { AppContext } from './context';
import { accessLogger, loggerOptions } from './logger';
import { createAppMetrics } from './metrics/app-metrics';
import httpMetrics from './metrics/http-metrics';
import { meteredReadCache } from './metrics/metered-read-cache';
import { fastifyTrustProxy } from './trust-proxy';
import authentication from './plugins/authentication';
import errorHandler, { MAX_PATH_PARAMETER_LENGTH, clientErrorHandler, frameworkErrors } from './plugins/error-handler';
import jsonBody from './plugins/json-body';
import openapi from './plugins/openapi';
import securityHeaders from './plugins/security-headers';
import validation, { formatSchemaErrors } from './plugins/validation';
import { createDataServices, type DataServices } from './data-engine/data-services';
import { localEventBus, redisEventBus, type EventBus } from './realtime/event-bus';
import { SocketHub } from './realtime/socket-hub';
import authRoutes from './routes/auth';
import chartRoutes from './routes/charts';
import dashboardRoutes from './routes/dashboard';
import datasetRoutes from './routes/datasets';
import datasetDataRoutes from './routes/datasets/data';
import datasetUploadRoutes from './routes/datasets/upload';
import healthRoutes from './routes/health';
import meRoutes from './routes/me';
import openapiRoutes from './routes/openapi';
import platformRoutes from './routes/platform';
import projectMemberRoutes from './routes/project-members';
import projectRoutes from './routes/projects';
import realtimeRoutes from './routes/realtime';
import taskRoutes from './routes/tasks';
import fileRoutes from './routes/files';
import fileUploadRoutes from './routes/files/upload';
import runRoutes from './routes/runs';
import { createRuns, type Runs } from './runs/create-runs';
import userRoutes from './routes/users';
import { createAccessTokens } from './services/access-tokens';
import { ensureFirstAdmin, type FirstAdminResult } from './services/first-admin';
import { memoryLoginThrottle, redisLoginThrottle, resilientLoginThrottle } from './services/login-throttle';
import { createPasswordHasher } from './services/password-hasher';
import { createPrincipalCache } from './services/principal-cache';
import { memoryReadCache } from './services/memory-read-cache';
import { layeredReadCache, redisReadCache } from './services/read-cache';
import { memoryChartDataCache, redisChartDataCache } from './services/chart-data-cache';
import { startObjectReconciliation } from './services/stored-object-reconciliation';

export interface BuildAppOptions {
  readonly config: AppConfig;
  /**
   * pino options, or false to log nothing (tests).
   * @default JSON logs at config.logLevel
   */
  readonly logger?: FastifyServerOptions['logger'];
  /**
   * Apply pending migrations before serving.
   * @default true
   */
  readonly migrate?: boolean;
  /**
   * Called when the first admin was created; the default prints the generated password once.
   * @default prints to stdout
   */
  readonly onFirstAdmin?: (result: FirstAdminResult) => void;
  /**
   * Kubernetes API access for the admins' cluster overview.
   * @default the in-cluster service account when the server runs in a pod, else none
   */
  readonly kubeConfig?: KubeConfig;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function printFirstAdmin(result: FirstAdminResult): void {
  if (result.generatedPassword === undefined) {
    process.stdout.write(`Created the first admin ${result.email} from ADMIN_EMAIL/ADMIN_PASSWORD.\n`);
    return;
  }
  process.stdout.write(
    `\nCreated the first admin. This password is shown only once; store it now:\n` +
      `  email:    ${result.email}\n  password: ${result.generatedPassword}\n\n`,
  );
}

/** A Redis command that takes longer fails, and its caller falls back (see the read cache and login throttle). */
const REDIS_COMMAND_TIMEOUT_MS = 1000;

function redisClient(url: string, app: FastifyInstance, role: 'commands' | 'subscriber'): Redis {
  // Commands fail fast while Redis is down or unresponsive instead of piling up; callers fall
  // back. The subscriber queues its SUBSCRIBE until it is connected.
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: role === 'subscriber',
    lazyConnect: true,
    ...(role === 'commands' ? { commandTimeout: REDIS_COMMAND_TIMEOUT_MS } : {}),
  });
  client.on('error', (error) => app.log.warn({ err: error, role }, 'redis connection error'));
  return client;
}

/**
 * Builds the whole application as one Fastify instance without listening: external things
 * (database, Redis, auth, WebSocket, OpenAPI) are registered first, then the routes. Tests
 * use app.inject(); server.ts calls listen().
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    schemaErrorFormatter: formatSchemaErrors,
    // Errors Fastify and Node raise before any route runs get the same envelope as the rest.
    frameworkErrors,
    clientErrorHandler,
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // One access-log line per request (below) instead of Fastify's two: each line is a JSON
    // serialization and a write to stdout.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const connection: DatabaseConnection = createDatabaseConnection({ url: config.databaseUrl, poolSize: config.dbPoolSize });
  const redis = config.redisUrl
    ? { commands: redisClient(config.redisUrl, app, 'commands'), subscriber: redisClient(config.redisUrl, app, 'subscriber') }
    : undefined;
  const hub = new SocketHub({ maxBufferedBytes: config.wsMaxBufferedBytes, log: app.log });
  const metrics = createAppMetrics({ environment: config.platform.environment });
  metrics.observeWebSocketClients(() => hub.size);
  let bus: EventBus | undefined;
  let runs: Runs | undefined;

  app.addHook('onClose', async () => {
    // Runs stop first: what they report while stopping is saved while the database is there.
    await runs?.scheduler.stop();
    await runs?.manager.stop();
    hub.closeAll();
    await bus?.close();
    await Promise.all([redis?.commands.quit().catch(() => undefined), redis?.subscriber.quit().catch(() => undefined)]);
    await connection.destroy();
    await data?.close();
  });

  let data: DataServices | undefined;
  try {
    data = await createDataServices(config, app.log);
    if (redis) await Promise.all([redis.commands.connect(), redis.subscriber.connect()]);
    bus = redis ? await redisEventBus(redis.commands, redis.subscriber, config.redisKeyPrefix, app.log) : localEventBus();
    const principals = createPrincipalCache({ ttlMs: config.authCacheSeconds * 1000 });
    const recentReads = memoryReadCache({ ttlMs: config.readCacheMemorySeconds * 1000, maxBytes: config.readCacheMemoryMb * 2 ** 20 });
    const chartData = redis ? redisChartDataCache(redis.commands, config.redisKeyPrefix, app.log) : memoryChartDataCache();
    bus.subscribe((message) => {
      if (message.kind === 'user-access-changed') principals.forget(message.userId);
      // A dataset's new version (or its deletion) leaves the charts' data of the old one unused here.
      if (message.kind === 'event' && message.event.datasetId !== undefined && message.event.type.startsWith('dataset.')) {
        chartData.forgetDataset(message.event.datasetId);
      }
      if (message.kind === 'read-cache-invalidated') recentReads.clear();
      hub.handle(message);
    });
    // Messages published while the subscriber was away are lost: forget what they kept fresh.
    bus.onResync(() => {
      principals.clear();
      recentReads.clear();
    });
    // The runs manager reads the context it is part of once the app is built.
    const holder: { context?: AppContext } = {};
    runs = createRuns(config, data.storage, () => holder.context as AppContext, options.kubeConfig);
    const ctx: AppContext = {
      config,
      db: connection.db,
      dialect: connection.dialect,
      passwords: createPasswordHasher(config.passwordHashing),
      tokens: createAccessTokens(resolveJwtSecret(config), config.accessTokenTtlSeconds),
      throttle: redis
        ? resilientLoginThrottle(
            redisLoginThrottle(redis.commands, config.redisKeyPrefix, config.loginWindowSeconds),
            memoryLoginThrottle(config.loginWindowSeconds),
            app.log,
          )
        : memoryLoginThrottle(config.loginWindowSeconds),
      cache: meteredReadCache(
        redis ? layeredReadCache(recentReads, redisReadCache(redis.commands, config.redisKeyPrefix, app.log)) : recentReads,
        metrics.readCacheLookups,
      ),
      principals,
      bus,
      log: app.log,
      storage: data.storage,
      sandboxes: data.sandboxes,
      queries: data.queries,
      chartData,
      metrics,
      runs: runs.manager,
    };
    holder.context = ctx;
    app.decorate('ctx', ctx);

    if (options.migrate ?? true) {
      const applied = await migrateToLatest(ctx.db);
      if (applied.length > 0) app.log.info({ migrations: applied }, 'database migrated');
    }
    const firstAdmin = await ensureFirstAdmin(ctx);
    if (firstAdmin) (options.onFirstAdmin ?? printFirstAdmin)(firstAdmin);
    const stopReconciliation = startObjectReconciliation(ctx);
    app.addHook('onClose', async () => stopReconciliation());
    await runs.manager.start();
    runs.scheduler.start();
  } catch (error) {
    await app.close();
    throw error;
  }

  // Every response names its request id, which every log line of that request carries.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  const accessLog = accessLogger(app.log);
  app.addHook('onResponse', (request, reply, done) => {
    accessLog.info({ reqId: request.id, req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });

  // Plugins for external things and cross-cutting behaviour, before any route.
  await app.register(httpMetrics, { metrics });
  await app.register(securityHeaders, {});
  await app.register(cookie);
  await app.register(jsonBody);
  await app.register(validation);
  await app.register(errorHandler);
  await app.register(authentication);
  await app.register(openapi);
  // Close our sockets with 1001 "going away" before the WebSocket plugin tears the server down.
  app.addHook('preClose', async () => hub.closeAll());
  await app.register(websocket, {
    options: {
      maxPayload: 64 * 1024,
      // Echo the `bearer` subprotocol the token arrived with, as browsers require.
      handleProtocols: (protocols) => (protocols.has('bearer') ? 'bearer' : false),
    },
  });
  // @fastify/websocket hides WebSocket routes from the OpenAPI document; /api/ws is part of
  // the contract, so it is documented like any other route.
  app.addHook('onRoute', (route) => {
    if (route.config?.webSocketAuth && route.schema) route.schema.hide = false;
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } }),
  );

  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      await api.register(authRoutes, { prefix: '/auth' });
      await api.register(openapiRoutes);
      // Everything else under /api needs a valid access token.
      await api.register(async (secured) => {
        secured.addHook('onRequest', secured.requireUser);
        await secured.register(meRoutes);
        await secured.register(userRoutes);
        await secured.register(projectRoutes);
        await secured.register(projectMemberRoutes);
        await secured.register(taskRoutes);
        await secured.register(fileRoutes);
        await secured.register(fileUploadRoutes);
        await secured.register(runRoutes);
        await secured.register(datasetRoutes);
        await secured.register(datasetDataRoutes);
        await secured.register(datasetUploadRoutes);
        await secured.register(dashboardRoutes);
        await secured.register(chartRoutes);
        await secured.register(platformRoutes, { kubeConfig: options.kubeConfig });
        await secured.register(realtimeRoutes, { hub });
      });
    },
    { prefix: '/api' },
  );

  // Web UI: the plugin that serves app/web's build registers here, after the API, and
  // answers only non-/api paths.
  await app.register(import('./plugins/web-ui'));

  await app.ready();
  return app;
}
