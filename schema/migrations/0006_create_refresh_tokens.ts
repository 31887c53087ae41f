import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  await types
    .tableOptions(
      db.schema
        .createTable('refresh_tokens')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('token_hash', 'char(64)', (c) => c.notNull())
        .addColumn('expires_at', types.timestamp, (c) => c.notNull())
        .addColumn('revoked_at', types.timestamp)
        .addUniqueConstraint('refresh_tokens_hash_unique', ['token_hash'])
        .addForeignKeyConstraint('refresh_tokens_user_fk', ['user_id'], 'users', ['id'], (fk) => fk.onDelete('cascade')),
    )
    .execute();
  await db.schema.createIndex('refresh_tokens_user_id_idx').on('refresh_tokens').columns(['user_id', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('refresh_tokens').execute();
}
