/**
 * `npm run db:migrate` applies pending migrations to DATABASE_URL (the same ones the app
 * applies at start-up). `npm run db:migrate -- down` reverts the latest one.
 */
import { createDatabaseConnection, redactUrl } from '../schema/connection';
import { migrateDown, migrateToLatest } from '../schema/migrate';
import { loadConfig } from '../app/server/config';

async function main(): Promise<void> {
  const config = loadConfig();
  const direction = process.argv[2] ?? 'latest';
  if (direction !== 'latest' && direction !== 'down') throw new Error(`unknown direction "${direction}": use "latest" or "down"`);
  const connection = createDatabaseConnection({ url: config.databaseUrl, poolSize: 1 });
  try {
    const names = direction === 'down' ? await migrateDown(connection.db) : await migrateToLatest(connection.db);
    const verb = direction === 'down' ? 'reverted' : 'applied';
    process.stdout.write(
      names.length > 0
        ? `${verb} on ${redactUrl(config.databaseUrl)}: ${names.join(', ')}\n`
        : `${redactUrl(config.databaseUrl)} is up to date\n`,
    );
  } finally {
    await connection.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
