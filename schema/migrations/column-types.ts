import { MysqlAdapter, sql, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';

/**
 * Column types that differ between MySQL/MariaDB and SQLite. Everything else in the
 * migrations is written once with portable Kysely builders.
 */
export interface ColumnTypes {
  readonly isMysql: boolean;
  /** UTC timestamp with milliseconds: DATETIME(3) on MySQL, TEXT on SQLite. */
  readonly timestamp: RawBuilder<unknown>;
  /** Up to 16 MB of text: MEDIUMTEXT on MySQL, TEXT on SQLite. */
  readonly mediumText: RawBuilder<unknown>;
  /** Adds the MySQL table options (InnoDB, utf8mb4 with a binary collation) and nothing on SQLite. */
  tableOptions<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function columnTypes(db: Kysely<any>): ColumnTypes {
  const isMysql = db.getExecutor().adapter instanceof MysqlAdapter;
  return {
    isMysql,
    timestamp: isMysql ? sql`datetime(3)` : sql`text`,
    mediumText: isMysql ? sql`mediumtext` : sql`text`,
    tableOptions: (table) => (isMysql ? table.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin`) : table),
  };
}
