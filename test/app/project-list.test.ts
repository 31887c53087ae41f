import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import { listProjects } from '../../app/server/repositories/project-repository';
import { createDatabaseConnection, sqliteFileOf } from '../../schema/connection';
import type { Database } from '../../schema/database';
import { startTestApp, type TestApp, type TestUser } from './support/test-app';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/test-databases';

const NOW = '2025-01-01 00:00:00.000';
const PAGE = 50;

interface Page {
  items: Array<{ id: number; name: string }>;
  nextCursor: string | null;
}

/**
 * GET /api/projects for a user who sees thousands of projects: the pages are exactly the
 * projects they own or are a member of, newest first, and one page reads about as many rows
 * on page 1 as deep into the list.
 */
describe.each(DIALECTS)('the project list on %s', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let analyst: TestUser;
  let other: TestUser;
  /** Ids of the projects the analyst may see, newest first. */
  let visible: number[];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    t = await startTestApp({ database });
    analyst = await t.createUser('analyst');
    other = await t.createUser('analyst');
    const db = t.ctx.db;
    // 6,000 projects in batches, owned in turn by the analyst and by someone else; the analyst
    // is a member of every fifth of the others' (interleaved ids), so both scans feed each page.
    for (let start = 0; start < 6000; start += 500) {
      await db
        .insertInto('projects')
        .values(
          Array.from({ length: 500 }, (_, i) => ({
            owner_id: (start + i) % 2 === 0 ? analyst.id : other.id,
            name: `Project ${start + i}${(start + i) % 3 === 0 ? ' churn' : ''}`,
            description: '',
            created_at: NOW,
            updated_at: NOW,
          })),
        )
        .execute();
    }
    const others = await db.selectFrom('projects').select('id').where('owner_id', '=', other.id).orderBy('id').execute();
    const memberOf = others.filter((_, i) => i % 5 === 0).map((p) => p.id);
    for (let i = 0; i < memberOf.length; i += 300) {
      const ids = memberOf.slice(i, i + 300);
      await db
        .insertInto('project_members')
        .values(ids.map((id) => ({ project_id: id, user_id: analyst.id, role: 'viewer' as const })))
        .execute();
    }
    const owned = await db.selectFrom('projects').select('id').where('owner_id', '=', analyst.id).execute();
    visible = [...owned.map((p) => p.id), ...memberOf].sort((x, y) => y - x);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  async function allPages(token: string, query = ''): Promise<number[]> {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/projects?limit=${PAGE}${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page = (await t.request({ method: 'GET', url, token })).json();
      expect(page.items.length).toBeLessThanOrEqual(PAGE);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  it('pages through exactly the owned and member-of projects, newest first, without gaps or repeats', async () => {
    expect(visible.length).toBe(3600);
    expect(await allPages(analyst.token)).toEqual(visible);
  });

  it('applies a name filter across both kinds of project', async () => {
    const churn = (await t.ctx.db.selectFrom('projects').select(['id', 'name']).execute())
      .filter((p) => p.name.endsWith('churn') && visible.includes(p.id))
      .map((p) => p.id)
      .sort((x, y) => y - x);
    expect(await allPages(analyst.token, '&q=CHURN')).toEqual(churn);
  });

  it('lists a project the user both owns and is a member of once', async () => {
    const [newest] = visible;
    await t.ctx.db.insertInto('project_members').values({ project_id: newest, user_id: analyst.id, role: 'editor' }).execute();
    try {
      const page: Page = (await t.request({ method: 'GET', url: '/api/projects?limit=5', token: analyst.token })).json();
      expect(page.items.map((p) => p.id)).toEqual(visible.slice(0, 5));
    } finally {
      await t.ctx.db.deleteFrom('project_members').where('project_id', '=', newest).where('user_id', '=', analyst.id).execute();
    }
  });

  describe('what one page costs', () => {
    const page = (db: Kysely<Database>, beforeId: number | undefined) =>
      listProjects(db, dialect, { visibleTo: analyst.id, beforeId, limit: PAGE + 1, nameContains: undefined });

    it(
      dialect === 'mysql'
        ? 'reads about as many rows for page 1 as for a page 3,000 projects deep (MariaDB handler counters)'
        : 'walks both scans backwards through their indexes from the cursor (SQLite query plan)',
      async () => {
        const deep = visible[3000];
        if (dialect === 'mysql') {
          // One connection, so the session counters belong to these queries alone.
          const connection = createDatabaseConnection({ url: database.url, poolSize: 1 });
          try {
            const rowsRead = async (beforeId: number | undefined) => {
              const counters = async () => {
                const { rows } = await sql<{ Value: string }>`show session status like 'Handler_read%'`.execute(connection.db);
                return rows.reduce((sum, r) => sum + Number(r.Value), 0);
              };
              const before = await counters();
              const rows = await page(connection.db, beforeId);
              expect(rows.map((r) => r.id)).toEqual(
                visible.slice(beforeId === undefined ? 0 : 3001, (beforeId === undefined ? 0 : 3001) + PAGE + 1),
              );
              return (await counters()) - before;
            };
            const first = await rowsRead(undefined);
            const deeper = await rowsRead(deep);
            // Two scans of PAGE + 1 rows, the member rows' project lookups and the merge: a few
            // hundred rows, not the 3,000 the user sees above the cursor.
            expect(first).toBeLessThan(10 * PAGE);
            expect(deeper).toBeLessThan(10 * PAGE);
            expect(Math.abs(deeper - first)).toBeLessThan(2 * PAGE);
          } finally {
            await connection.destroy();
          }
        } else {
          const raw = new SqliteDatabase(sqliteFileOf(database.url));
          let sent: CompiledQuery | undefined;
          const db = new Kysely<Database>({
            dialect: new SqliteDialect({ database: raw }),
            log: (event) => {
              sent = event.query;
            },
          });
          try {
            expect((await page(db, deep)).map((r) => r.id)).toEqual(visible.slice(3001, 3001 + PAGE + 1));
            const plan = (raw.prepare(`explain query plan ${sent?.sql}`).all(...(sent?.parameters ?? [])) as Array<{ detail: string }>).map(
              (r) => r.detail,
            );
            expect(plan).toEqual(
              expect.arrayContaining([
                'SEARCH p USING COVERING INDEX projects_owner_id_idx (owner_id=? AND id<?)',
                'SEARCH m USING COVERING INDEX project_members_user_id_idx (user_id=? AND project_id<?)',
                'SEARCH p USING INTEGER PRIMARY KEY (rowid=?)',
              ]),
            );
          } finally {
            await db.destroy();
          }
        }
      },
    );
  });
});
