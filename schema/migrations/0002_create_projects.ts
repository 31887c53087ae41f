import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  await types
    .tableOptions(
      db.schema
        .createTable('projects')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('owner_id', 'integer', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('created_at', types.timestamp, (c) => c.notNull())
        .addColumn('updated_at', types.timestamp, (c) => c.notNull())
        // An owner cannot be deleted while they own projects: delete or keep the projects first.
        .addForeignKeyConstraint('projects_owner_fk', ['owner_id'], 'users', ['id'], (fk) => fk.onDelete('restrict')),
    )
    .execute();
  // Lists are ordered by id; the owner's projects are found by (owner_id, id).
  await db.schema.createIndex('projects_owner_id_idx').on('projects').columns(['owner_id', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('projects').execute();
}
