import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLuhnValid } from '../../service/src/contract/common.ts';
import { verifyPassword } from '../../service/src/core/accounts/passwords.ts';
import { loadActor } from '../../service/src/core/accounts/sessions.ts';
import { refreshEmbeddings } from '../../service/src/core/embeddings/entities.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccountRole } from '../../service/src/demo/accounts.ts';
import { countDomainRows } from '../../service/src/demo/bulk.sql.ts';
import { DEMO_SIZES, generateDataset } from '../../service/src/demo/dataset.ts';
import { loadDemoIfEmpty } from '../../service/src/demo/load.ts';
import { generateAtScale } from '../../service/src/demo/scale.ts';
import { activityOf } from '../../service/src/demo/vocabulary/activities.ts';
import { silentLogger } from '../../service/src/logger.ts';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, type TestContext } from '../support/context.ts';

const reference = new Date('2026-03-02T10:00:00Z');

describe('demo generator (in memory)', () => {
  const dataset = generateDataset({ seed: 67, size: DEMO_SIZES.demo, reference });

  it('is deterministic: the same seed gives the same records, another seed others', () => {
    const again = generateDataset({ seed: 67, size: DEMO_SIZES.mini, reference });
    const twice = generateDataset({ seed: 67, size: DEMO_SIZES.mini, reference });
    for (const key of ['associations', 'missions', 'citizens', 'applications', 'companies', 'offers', 'needs'] as const) {
      expect(twice[key].slice(0, 25)).toEqual(again[key].slice(0, 25));
    }
    // Streams are independent: the first associations do not depend on how many missions follow.
    expect(again.associations.slice(0, 10)).toEqual(dataset.associations.slice(0, 10));
    const other = generateDataset({ seed: 68, size: DEMO_SIZES.mini, reference });
    expect(other.missions[0].description).not.toBe(again.missions[0].description);
  });

  it('writes texts that agree with their tags', () => {
    for (const m of dataset.missions) {
      const text = `${m.title}\n${m.description}`;
      expect(text, m.activity).toMatch(activityOf(m.activity).mentions);
      if (m.skills.includes('soutien_scolaire')) expect(text).toMatch(/devoirs|scolaire|élèves/i);
      if (m.accessibility.includes('fauteuil')) expect(text).toMatch(/fauteuil|mobilité réduite/);
      if (m.minAge >= 18) expect(text).toMatch(/majeur|18 ans/);
      if (m.isRemote) expect(text).toMatch(/distance/);
      expect(text).not.toMatch(/[{}]|undefined|NaN/);
      expect(m.schedule).toBeGreaterThan(0);
      expect(m.acceptedCount).toBeLessThanOrEqual(m.places);
    }
    for (const c of dataset.citizens) {
      expect(c.wish, c.activity).toMatch(activityOf(c.activity).mentions);
      expect(c.wish).not.toMatch(/[{}]|undefined|·/);
      expect(c.availability).toBeGreaterThan(0);
      if (c.accessibilityNeeds.includes('fauteuil')) expect(c.wish).toMatch(/fauteuil/);
      if (c.isOpenToBoardRoles) expect(c.skills).toContain('gouvernance');
    }
  });

  it('draws unique, well-formed registration numbers and realistic shares', () => {
    const rnas = dataset.associations.map((a) => a.rna);
    expect(new Set(rnas).size).toBe(rnas.length);
    for (const rna of rnas) expect(rna).toMatch(/^W67\d{7}$/);
    for (const c of dataset.companies) expect(isLuhnValid(c.siren)).toBe(true);
    const share = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length / items.length;
    expect(share(dataset.associations, (a) => a.verification === 'verified')).toBeGreaterThan(0.8);
    expect(share(dataset.associations, (a) => a.verification === 'pending')).toBeGreaterThan(0.02);
    expect(share(dataset.missions, (m) => m.isRemote)).toBeGreaterThan(0.02);
    expect(share(dataset.missions, (m) => m.minAge === 18)).toBeGreaterThan(0.05);
    expect(share(dataset.missions, (m) => m.accessibility.includes('fauteuil'))).toBeGreaterThan(0.1);
    expect(share(dataset.citizens, (c) => c.accessibilityNeeds.length > 0)).toBeGreaterThan(0.01);
    expect(share(dataset.citizens, (c) => c.isVisibleToAssociations)).toBeGreaterThan(0.3);
    expect(share(dataset.citizens, (c) => c.isOpenToBoardRoles)).toBeGreaterThan(0.05);
    expect(new Set(dataset.offers.map((o) => o.kind))).toEqual(new Set(['skills', 'financial', 'team_day', 'in_kind', 'board_member']));
    expect(new Set(dataset.missions.map((m) => m.territoryCode)).size).toBe(4);
  });
});

describe.each(DATABASE_TARGETS)('demo loader on %s', (target) => {
  let ctx: TestContext;
  let loaded: boolean;

  beforeAll(async () => {
    ctx = await createTestContext(target);
    loaded = await loadDemoIfEmpty(ctx.deps, silentLogger, { size: DEMO_SIZES.mini, reference });
  }, 120_000);
  afterAll(() => ctx?.close());

  it('loads into an empty database, and only once', async () => {
    expect(loaded).toBe(true);
    const counts = await countDomainRows(ctx.deps.sql);
    expect(counts.territories).toBe(4);
    expect(counts.communes).toBeGreaterThanOrEqual(60);
    expect(counts.associations).toBe(DEMO_SIZES.mini.associations + 1);
    expect(counts.missions).toBeGreaterThanOrEqual(DEMO_SIZES.mini.missions);
    expect(counts.citizens).toBe(DEMO_SIZES.mini.citizens + 1);
    expect(counts.companies).toBe(DEMO_SIZES.mini.companies + 1);
    expect(counts.offers).toBeGreaterThanOrEqual(DEMO_SIZES.mini.companies);
    expect(counts.applications).toBeGreaterThan(10);
    expect(await loadDemoIfEmpty(ctx.deps, silentLogger, { size: DEMO_SIZES.mini, reference })).toBe(false);
    expect(await countDomainRows(ctx.deps.sql)).toEqual(counts);
  });

  it('creates every demo account with its role and the demo password', async () => {
    const expectRole: Record<DemoAccountRole, (actor: Awaited<ReturnType<typeof loadActor>>) => void> = {
      citizen: (a) => expect(a.kind === 'user' && a.citizenId).toBeTruthy(),
      association_admin: (a) => expect(a.kind === 'user' && a.associations).toEqual([expect.objectContaining({ role: 'admin' })]),
      association_member: (a) => expect(a.kind === 'user' && a.associations).toEqual([expect.objectContaining({ role: 'member' })]),
      company_admin: (a) => expect(a.kind === 'user' && a.companies).toEqual([expect.objectContaining({ role: 'admin' })]),
      organiser: (a) => expect(a.kind === 'user' && a.isOrganiser).toBe(true),
      moderator: (a) => expect(a.kind === 'user' && a.isModerator).toBe(true),
      platform_admin: (a) => expect(a.kind === 'user' && a.isPlatformAdmin).toBe(true),
      support_agent: () => {},
    };
    const rows = await ctx.deps.sql<{ id: string; email: string; password_hash: string | null }[]>`
      SELECT id, email, password_hash FROM users WHERE email = ANY(${DEMO_ACCOUNTS.map((a) => a.email)})`;
    const hasSupport = await ctx.deps.sql`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'support_organisation_id'`;
    expect(rows).toHaveLength(DEMO_ACCOUNTS.length - (hasSupport.length ? 0 : 1));
    for (const account of DEMO_ACCOUNTS) {
      const row = rows.find((r) => r.email === account.email);
      if (!row) continue;
      const actor = await loadActor(ctx.deps.sql, row.id);
      expect(actor.kind).toBe('user');
      expectRole[account.role](actor);
    }
    expect(await verifyPassword(rows[0].password_hash!, DEMO_PASSWORD)).toBe(true);
    // The demo association has missions with candidates; the company has an offer of every kind.
    const [asso] = await ctx.deps.sql<{ missions: number; applications: number }[]>`
      SELECT count(DISTINCT m.id)::int AS missions, count(a.id)::int AS applications
      FROM associations s JOIN missions m ON m.association_id = s.id LEFT JOIN applications a ON a.mission_id = m.id
      WHERE s.rna = 'W672000001' AND s.verification = 'verified'`;
    expect(asso.missions).toBeGreaterThanOrEqual(5);
    expect(asso.applications).toBeGreaterThanOrEqual(1);
    const kinds = await ctx.deps.sql<{ kind: string }[]>`
      SELECT DISTINCT o.kind FROM rse_offers o JOIN memberships m ON m.company_id = o.company_id JOIN users u ON u.id = m.user_id
      WHERE u.email = 'entreprise@demo.maillage.fr'`;
    expect(kinds).toHaveLength(5);
  });

  it('embeds every row, with hashes the embedding refresh recognises', async () => {
    for (const table of ['missions', 'citizen_profiles', 'associations', 'rse_offers'] as const) {
      const [row] = await ctx.deps.sql<{ missing: number }[]>`SELECT count(*)::int AS missing FROM ${ctx.deps.sql(table)} WHERE embedding IS NULL`;
      expect(row.missing, table).toBe(0);
    }
    const sample = await ctx.deps.sql<{ id: string }[]>`SELECT id FROM missions ORDER BY id LIMIT 20`;
    const refreshed = await refreshEmbeddings(ctx.deps, 'missions', sample.map((r) => r.id));
    expect(refreshed).toMatchObject({ embedded: 0, unchanged: 20 });
    const [index] = await ctx.deps.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_indexes
      WHERE indexname IN ('missions_embedding_idx', 'citizen_profiles_embedding_idx', 'associations_embedding_idx', 'rse_offers_embedding_idx')`;
    expect(index.n).toBe(4);
  });

  it('stores texts that agree with their tags', async () => {
    const tutoring = await ctx.deps.sql<{ text: string }[]>`
      SELECT title || E'\n' || description AS text FROM missions WHERE 'soutien_scolaire' = ANY(skills)`;
    expect(tutoring.length).toBeGreaterThan(0);
    for (const m of tutoring) expect(m.text).toMatch(/devoirs|scolaire|élèves/i);
    const [counts] = await ctx.deps.sql<{ bad: number }[]>`
      SELECT count(*)::int AS bad FROM missions m
      WHERE m.accepted_count <> (SELECT count(*) FROM applications a WHERE a.mission_id = m.id AND a.status = 'accepted')
         OR m.pending_count <> (SELECT count(*) FROM applications a WHERE a.mission_id = m.id AND a.status = 'pending')`;
    expect(counts.bad).toBe(0);
  });
});

describe.each(DATABASE_TARGETS)('scale mode on %s', (target) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(target);
  }, 120_000);
  afterAll(() => ctx?.close());

  it('bulk-loads embedded rows and rebuilds the vector indexes', async () => {
    const phases = new Set<string>();
    const report = await generateAtScale(ctx.deps, { missions: 400, citizens: 300, seed: 'bench', batchSize: 150, reference }, (p) => phases.add(p.phase));
    expect(report.counts).toMatchObject({ territories: 4, associations: 50, missions: 400, citizens: 300, companies: 10 });
    expect([...phases]).toEqual(expect.arrayContaining(['associations', 'citizens', 'missions', 'indexes', 'done']));
    const [row] = await ctx.deps.sql<{ missing: number; indexes: number }[]>`
      SELECT (SELECT count(*) FROM missions WHERE embedding IS NULL)::int + (SELECT count(*) FROM citizen_profiles WHERE embedding IS NULL)::int AS missing,
             (SELECT count(*)::int FROM pg_indexes WHERE indexname IN ('missions_embedding_idx', 'citizen_profiles_embedding_idx')) AS indexes`;
    expect(row).toEqual({ missing: 0, indexes: 2 });
    const [bad] = await ctx.deps.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM missions m
      WHERE m.accepted_count <> (SELECT count(*) FROM applications a WHERE a.mission_id = m.id AND a.status = 'accepted')`;
    expect(bad.n).toBe(0);
  });
});
