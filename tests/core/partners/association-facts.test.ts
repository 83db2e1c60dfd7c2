import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_TARGETS } from '../../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, signIn, type TestContext } from '../../support/context.ts';

type User = Awaited<ReturnType<typeof signIn>>;
type Territory = Awaited<ReturnType<typeof seedTerritory>>;
type Facts = { open_missions: number; last_mission_update: string | null; open_needs: unknown };

let seq = 0;
const newRna = () => `W69${String(Date.now() % 1e4).padStart(4, '0')}${String(seq++ % 1000).padStart(3, '0')}`;

/**
 * association_facts (sql/migrations/0016) is what the partner rankings read instead of aggregating missions and
 * needs per candidate: after every kind of write it must equal the aggregate computed from the source tables.
 */
describe.each(DATABASE_TARGETS)('association facts kept on write (%s)', (target) => {
  let ctx: TestContext;
  let territory: Territory;
  let owner: User;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    territory = await seedTerritory(ctx);
    owner = await signIn(ctx);
  });
  afterAll(() => ctx?.close());

  async function call<T = { id: string }>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await ctx.app.request(`/api${path}`, jsonRequest(method, body, owner.headers));
    const json = await res.json();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json as T;
  }
  const association = async () => (await call('POST', '/associations', { rna: newRna(), name: 'Jardins partagés du Ried', communeInsee: territory.communes[0].insee })).id;
  const mission = (associationId: string) =>
    call('POST', '/missions', { associationId, title: 'Arroser les jardins partagés', description: 'Un soir par semaine, arroser et désherber.', communeInsee: territory.communes[0].insee, places: 2 });
  const need = (associationId: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/needs', { associationId, kind: 'financial', title: 'Financer des récupérateurs d’eau', description: 'Quatre cuves de 1 000 litres.', amountEur: 1200, ...extra });

  /** The facts as stored, and as the per-candidate subqueries used to compute them. */
  async function factsOf(associationId: string) {
    const [stored] = await ctx.db.sql<Facts[]>`
      SELECT COALESCE(f.open_missions, 0) AS open_missions, f.last_mission_update::text, COALESCE(f.open_needs, '[]') AS open_needs
      FROM associations a LEFT JOIN association_facts f ON f.association_id = a.id WHERE a.id = ${associationId}`;
    const [computed] = await ctx.db.sql<Facts[]>`
      SELECT (SELECT count(*) FROM missions m WHERE m.association_id = a.id AND m.status = 'open')::int AS open_missions,
             (SELECT max(m.updated_at) FROM missions m WHERE m.association_id = a.id)::text AS last_mission_update,
             COALESCE((SELECT jsonb_agg(jsonb_build_object('id', n.id, 'kind', n.kind, 'title', n.title, 'skills', n.skills, 'amountEur', n.amount_eur) ORDER BY n.id)
                       FROM association_needs n WHERE n.association_id = a.id AND n.status = 'open'), '[]') AS open_needs
      FROM associations a WHERE a.id = ${associationId}`;
    return { stored, computed };
  }
  async function expectInStep(associationId: string) {
    const { stored, computed } = await factsOf(associationId);
    expect(stored).toEqual(computed);
    return stored;
  }

  it('follows missions published, edited, closed and moved, and needs posted, edited, met and closed', async () => {
    const a = await association();
    expect(await expectInStep(a)).toEqual({ open_missions: 0, last_mission_update: null, open_needs: [] });
    const m1 = await mission(a);
    const m2 = await mission(a);
    expect((await expectInStep(a)).open_missions).toBe(2);
    await call('PATCH', `/missions/${m1.id}`, { title: 'Arroser et pailler les jardins partagés' });
    await expectInStep(a);
    await call('PATCH', `/missions/${m2.id}`, { status: 'closed' });
    expect((await expectInStep(a)).open_missions).toBe(1);

    const n1 = await need(a);
    const n2 = await need(a, { kind: 'skills', title: 'Un plan de plantation', description: 'Dessiner les parcelles.', amountEur: undefined, skills: ['jardinage'] });
    expect(((await expectInStep(a)).open_needs as unknown[]).length).toBe(2);
    await call('PATCH', `/needs/${n1.id}`, { amountEur: 1500 });
    await expectInStep(a);
    await call('PATCH', `/needs/${n1.id}`, { status: 'met' });
    await call('POST', `/needs/${n2.id}/close`);
    expect((await expectInStep(a)).open_needs).toEqual([]);

    // A mission moved to another association (not a route: the triggers must follow any write).
    const b = await association();
    await ctx.db.sql`UPDATE missions SET association_id = ${b} WHERE id = ${m1.id}`;
    expect((await expectInStep(a)).open_missions).toBe(0);
    expect((await expectInStep(b)).open_missions).toBe(1);
    await ctx.db.sql`DELETE FROM missions WHERE id = ${m1.id}`;
    expect(await expectInStep(b)).toMatchObject({ open_missions: 0, last_mission_update: null });
  });

  it('refreshes every association of a bulk write once, and empties what a TRUNCATE removed', async () => {
    const ids = [await association(), await association(), await association()];
    await ctx.db.sql`
      INSERT INTO missions (association_id, title, description, territory_id, is_remote, status, updated_at)
      SELECT a, 'Mission ' || g, 'Aider.', ${territory.id}, true, CASE WHEN g % 2 = 0 THEN 'open' ELSE 'closed' END, now() - g * interval '1 day'
      FROM unnest(${ids}::uuid[]) a CROSS JOIN generate_series(1, 3) g`;
    await ctx.db.sql`
      INSERT INTO association_needs (association_id, kind, title, skills) SELECT a, 'skills', 'Besoin de bras', ARRAY['bricolage'] FROM unnest(${ids}::uuid[]) a`;
    for (const id of ids) expect(await expectInStep(id)).toMatchObject({ open_missions: 1, open_needs: [expect.objectContaining({ kind: 'skills', skills: ['bricolage'] })] });
    await ctx.db.sql`UPDATE missions SET status = 'open' WHERE association_id = ANY(${ids}::uuid[])`;
    for (const id of ids) expect((await expectInStep(id)).open_missions).toBe(3);

    await ctx.db.sql`TRUNCATE association_needs`;
    await ctx.db.sql`TRUNCATE missions CASCADE`;
    for (const id of ids) expect(await expectInStep(id)).toEqual({ open_missions: 0, last_mission_update: null, open_needs: [] });
  });

  it.runIf(target === 'postgres')('counts both of two concurrent writers (the second recounts after the first commits)', async () => {
    const a = await association();
    const insert = (sql: typeof ctx.db.sql) => sql`
      INSERT INTO missions (association_id, title, description, territory_id, is_remote) VALUES (${a}, 'Tenir la buvette', 'Un samedi.', ${territory.id}, true)`;
    let commitFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (commitFirst = resolve));
    let firstInserted!: () => void;
    const insertedByFirst = new Promise<void>((resolve) => (firstInserted = resolve));
    const first = ctx.db.sql.begin(async (tx) => {
      await insert(tx as unknown as typeof ctx.db.sql);
      firstInserted();
      await firstMayCommit;
    });
    await Promise.race([insertedByFirst, first]);
    const second = ctx.db.sql.begin((tx) => insert(tx as unknown as typeof ctx.db.sql));
    // The second writer's trigger waits for the first's lock on the association's facts.
    for (let i = 0; i < 100; i++) {
      const [{ waiting }] = await ctx.db.sql<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (waiting > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    commitFirst();
    await Promise.all([first, second]);
    expect((await expectInStep(a)).open_missions).toBe(2);
  });
});
