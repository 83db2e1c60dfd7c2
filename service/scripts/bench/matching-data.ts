/**
 * Synthetic data at scale for the matching benchmark: missions and citizens with clustered 384-d vectors
 * (topics > sub-topics > items, as sentence embeddings of related texts are), places over the Bas-Rhin,
 * schedules, skills, themes, capacity and age/accessibility constraints. Seeded: the same data every run.
 * Bulk-loaded with unnest() batches; HNSW indexes are built after the load (several times faster).
 */
import { SKILL_CODES, THEME_CODES } from '../../src/contract/vocabulary.ts';
import type { Sql } from '../../src/db/database.ts';
import { rebuildMissionCells } from '../../src/core/matching/cells.ts';
import { createEmbeddingColumn, createEmbeddingIndexes, dropEmbeddingIndexes, EMBEDDED_TABLES } from '../../src/db/embedding-columns.ts';

export const DIMENSION = 384;
const TOPICS = 40;
const SUBTOPICS = 10;
const WORDS = ['aide', 'jardin', 'lecture', 'sport', 'cuisine', 'musique', 'numérique', 'devoirs', 'visite', 'collecte', 'chantier', 'accueil', 'théâtre', 'vélo', 'forêt', 'rivière', 'animaux', 'épicerie', 'vêtements', 'écoute'];

export function createRng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s = (s ^ (s >>> 12)) >>> 0;
    return s / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)];
  return { next, gauss, int, pick };
}
type Rng = ReturnType<typeof createRng>;

function normalise(v: Float64Array): Float64Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}
const randomUnit = (rng: Rng) => normalise(Float64Array.from({ length: DIMENSION }, rng.gauss));
/** c + a * noise, normalised: cosine to c is about 1 / sqrt(1 + a^2). */
function around(rng: Rng, c: Float64Array, a: number): Float64Array {
  return normalise(Float64Array.from(c, (x) => x + (a * rng.gauss()) / Math.sqrt(DIMENSION)));
}
const literal = (v: Float64Array) => '[' + Array.from(v, (x) => x.toFixed(5)).join(',') + ']';

/** Topic and sub-topic centres: same sub-topic items have cosine ~0.7, same topic ~0.45, others ~0. */
export function createSpace(seed: number) {
  const rng = createRng(seed);
  const topics = Array.from({ length: TOPICS }, () => randomUnit(rng));
  const subtopics = topics.map((t) => Array.from({ length: SUBTOPICS }, () => around(rng, t, 1)));
  return { topics, subtopics };
}
type Space = ReturnType<typeof createSpace>;

const BBOX = { lat: [48.2, 49.05], lon: [7.1, 8.2] };

export async function seedPlaces(sql: Sql, rng: Rng, communes: number) {
  const [t] = await sql<{ id: string }[]>`INSERT INTO territories (code, name, departement) VALUES ('bench', 'Banc d''essai', '67') RETURNING id`;
  const rows = Array.from({ length: communes }, (_, i) => ({
    insee: `67${String(i + 1).padStart(3, '0')}`,
    lat: BBOX.lat[0] + rng.next() * (BBOX.lat[1] - BBOX.lat[0]),
    lon: BBOX.lon[0] + rng.next() * (BBOX.lon[1] - BBOX.lon[0]),
    // Zipf-like populations: a few towns, many villages (places are drawn by population).
    population: Math.round(60000 / (i + 1)) + 200,
  }));
  await sql`
    INSERT INTO communes (insee, name, postal_code, territory_id, lat, lon, population)
    SELECT u.insee, 'Commune ' || u.insee, '67000', ${t.id}, u.lat, u.lon, u.population
    FROM unnest(${rows.map((r) => r.insee)}::text[], ${rows.map((r) => r.lat)}::float8[], ${rows.map((r) => r.lon)}::float8[], ${rows.map((r) => r.population)}::int[])
      AS u(insee, lat, lon, population)`;
  const total = rows.reduce((s, r) => s + r.population, 0);
  const cumulative: number[] = [];
  rows.reduce((s, r) => (cumulative.push(s + r.population / total), s + r.population / total), 0);
  const drawCommune = () => {
    const x = rng.next();
    let lo = 0;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return rows[lo];
  };
  return { territoryId: t.id, drawCommune };
}

function bits(rng: Rng, min: number, max: number): number {
  let mask = 0;
  const n = min + rng.int(max - min + 1);
  for (let i = 0; i < n; i++) mask |= 1 << rng.int(21);
  return mask;
}
const someOf = <T>(rng: Rng, xs: readonly T[], max: number) => [...new Set(Array.from({ length: rng.int(max + 1) }, () => rng.pick(xs)))];
const topicTheme = (topic: number) => THEME_CODES[topic % THEME_CODES.length];
const topicSkills = (topic: number) => [SKILL_CODES[(topic * 3) % SKILL_CODES.length], SKILL_CODES[(topic * 3 + 1) % SKILL_CODES.length], SKILL_CODES[(topic * 7 + 5) % SKILL_CODES.length]];
const topicText = (topic: number, sub: number) => `${WORDS[topic % WORDS.length]} ${WORDS[(topic + sub + 3) % WORDS.length]}`;

export type Loaded = { territoryId: string; missions: number; citizens: number };

/** Loads `missions` missions (from missions / 20 associations) and `citizens` citizens, then builds the HNSW indexes. */
export async function loadMatchingData(sql: Sql, options: { missions: number; citizens: number; seed?: number; log?: (s: string) => void }): Promise<Loaded> {
  const log = options.log ?? (() => {});
  const rng = createRng(options.seed ?? 42);
  const space: Space = createSpace((options.seed ?? 42) + 1);
  for (const table of EMBEDDED_TABLES) await createEmbeddingColumn(sql, table, { modelId: 'bench/clustered-384', dimension: DIMENSION });
  await dropEmbeddingIndexes(sql);
  const { territoryId, drawCommune } = await seedPlaces(sql, rng, 300);
  const associationCount = Math.max(10, Math.round(options.missions / 20));
  const associationIds = (
    await sql<{ id: string }[]>`
      INSERT INTO associations (rna, name, territory_id, commune_insee, verification, response_hours)
      SELECT 'W67' || lpad(g::text, 7, '0'), 'Association ' || g, ${territoryId}, '67001', 'verified',
             CASE WHEN g % 4 = 0 THEN NULL ELSE (g * 37 % 200)::real END
      FROM generate_series(1, ${associationCount}) g RETURNING id`
  ).map((r) => r.id);

  const batch = 1000;
  const now = Date.now();
  for (let start = 0; start < options.missions; start += batch) {
    const rows = Array.from({ length: Math.min(batch, options.missions - start) }, (_, j) => {
      const i = start + j;
      const topic = rng.int(TOPICS);
      const sub = rng.int(SUBTOPICS);
      const remote = rng.next() < 0.1;
      const c = drawCommune();
      const places = 1 + rng.int(10);
      return {
        association: associationIds[rng.int(associationIds.length)],
        title: `Mission ${topicText(topic, sub)} n°${i}`,
        description: `Participer à ${topicText(topic, sub)} avec l'équipe bénévole.`,
        skills: someOf(rng, topicSkills(topic), 3),
        themes: [topicTheme(topic), ...(rng.next() < 0.3 ? [rng.pick(THEME_CODES)] : [])].filter((x, k, xs) => xs.indexOf(x) === k),
        remote,
        commune: remote ? null : c.insee,
        lat: remote ? null : c.lat,
        lon: remote ? null : c.lon,
        schedule: bits(rng, 1, 6),
        places,
        accepted: rng.next() < 0.05 ? places : rng.int(places),
        pending: rng.int(6),
        status: rng.next() < 0.95 ? 'open' : 'closed',
        minAge: rng.next() < 0.8 ? 0 : rng.pick([16, 18]),
        accessibility: rng.next() < 0.2 ? ['fauteuil'] : [],
        published: new Date(now - rng.next() * 120 * 86400_000).toISOString(),
        starts: rng.next() < 0.3 ? new Date(now + rng.next() * 30 * 86400_000).toISOString().slice(0, 10) : null,
        vector: literal(around(rng, space.subtopics[topic][sub], 0.75)),
      };
    });
    await sql`
      INSERT INTO missions (association_id, title, description, skills, themes, is_remote, commune_insee, lat, lon, schedule, places,
                            accepted_count, pending_count, status, min_age, accessibility, published_at, starts_on, territory_id, embedding)
      SELECT u.a, u.t, u.d, string_to_array(u.sk, ','), string_to_array(u.th, ','), u.r::bool, u.c, u.la, u.lo, u.sc, u.p, u.ac, u.pe, u.st,
             u.ma, string_to_array(u.acc, ','), u.pu, u.sd, ${territoryId}, u.v::vector
      FROM unnest(${rows.map((r) => r.association)}::uuid[], ${rows.map((r) => r.title)}::text[], ${rows.map((r) => r.description)}::text[],
                  ${rows.map((r) => r.skills.join(','))}::text[], ${rows.map((r) => r.themes.join(','))}::text[], ${rows.map((r) => String(r.remote))}::text[],
                  ${rows.map((r) => r.commune)}::text[], ${rows.map((r) => r.lat)}::float8[], ${rows.map((r) => r.lon)}::float8[],
                  ${rows.map((r) => r.schedule)}::int[], ${rows.map((r) => r.places)}::int[], ${rows.map((r) => r.accepted)}::int[],
                  ${rows.map((r) => r.pending)}::int[], ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.minAge)}::int[],
                  ${rows.map((r) => r.accessibility.join(','))}::text[], ${rows.map((r) => r.published)}::timestamptz[],
                  ${rows.map((r) => r.starts)}::date[], ${rows.map((r) => r.vector)}::text[])
        AS u(a, t, d, sk, th, r, c, la, lo, sc, p, ac, pe, st, ma, acc, pu, sd, v)`;
    if ((start / batch) % 20 === 0) log(`  missions ${start + rows.length}/${options.missions}`);
  }
  for (let start = 0; start < options.citizens; start += batch) {
    const rows = Array.from({ length: Math.min(batch, options.citizens - start) }, (_, j) => {
      const topic = rng.int(TOPICS);
      const sub = rng.int(SUBTOPICS);
      const c = drawCommune();
      return {
        name: `Prénom${start + j}`,
        birth: 1950 + rng.int(60),
        wish: `${topicText(topic, sub)}`,
        skills: someOf(rng, [...topicSkills(topic), rng.pick(SKILL_CODES)], 3),
        themes: [topicTheme(topic), ...(rng.next() < 0.4 ? [rng.pick(THEME_CODES)] : [])].filter((x, k, xs) => xs.indexOf(x) === k),
        availability: bits(rng, 2, 9),
        commune: c.insee,
        lat: c.lat,
        lon: c.lon,
        radius: rng.pick([5, 10, 10, 15, 20, 30]),
        access: rng.next() < 0.03 ? ['fauteuil'] : [],
        remote: rng.next() < 0.7,
        visible: rng.next() < 0.3,
        vector: literal(around(rng, space.subtopics[topic][sub], 0.6)),
      };
    });
    await sql`
      INSERT INTO citizen_profiles (first_name, birth_year, wish, skills, themes, availability, commune_insee, radius_km, accessibility_needs,
                                    accepts_remote, is_visible_to_associations, lat, lon, territory_id, embedding)
      SELECT u.n, u.b, u.w, string_to_array(u.sk, ','), string_to_array(u.th, ','), u.av, u.c, u.r, string_to_array(u.acc, ','), u.re::bool, u.vi::bool,
             u.la, u.lo, ${territoryId}, u.v::vector
      FROM unnest(${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.birth)}::int[], ${rows.map((r) => r.wish)}::text[],
                  ${rows.map((r) => r.skills.join(','))}::text[], ${rows.map((r) => r.themes.join(','))}::text[], ${rows.map((r) => r.availability)}::int[],
                  ${rows.map((r) => r.commune)}::text[], ${rows.map((r) => r.radius)}::real[], ${rows.map((r) => r.access.join(','))}::text[],
                  ${rows.map((r) => String(r.remote))}::text[], ${rows.map((r) => String(r.visible))}::text[], ${rows.map((r) => r.lat)}::float8[],
                  ${rows.map((r) => r.lon)}::float8[], ${rows.map((r) => r.vector)}::text[])
        AS u(n, b, w, sk, th, av, c, r, acc, re, vi, la, lo, v)`;
  }
  log('  building HNSW indexes');
  await createEmbeddingIndexes(sql, '1GB');
  // What autovacuum does within minutes of the load (visibility map, hint bits, statistics): timings of the steady
  // state, not of a race with it (as in partners.bench.ts).
  await sql`VACUUM ANALYZE`;
  const cells = await rebuildMissionCells(sql);
  log(`  missions partitioned into ${cells.cells} cells (k-means over ${cells.sampled} embeddings)`);
  return { territoryId, missions: options.missions, citizens: options.citizens };
}
