import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const types = columnTypes(db);
  await types
    .tableOptions(
      db.schema
        .createTable('project_members')
        .addColumn('project_id', 'integer', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'user_id'])
        .addForeignKeyConstraint('project_members_project_fk', ['project_id'], 'projects', ['id'], (fk) => fk.onDelete('cascade'))
        .addForeignKeyConstraint('project_members_user_fk', ['user_id'], 'users', ['id'], (fk) => fk.onDelete('cascade')),
    )
    .execute();
  // "Which projects is this user a member of" for visibility checks and lists.
  await db.schema.createIndex('project_members_user_id_idx').on('project_members').columns(['user_id', 'project_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_members').execute();
}
