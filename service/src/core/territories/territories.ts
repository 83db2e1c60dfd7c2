import type { Queryable } from '../../db/database.ts';
import { Invalid } from '../errors.ts';
import { searchCommunes, selectCommune, selectTerritories, selectVocabulary, upsertCommunes, upsertTerritory } from './territories.sql.ts';

/** The territories of this instance, with their number of communes. */
export async function listTerritories(deps: { sql: Queryable }) {
  return { items: await selectTerritories(deps.sql) };
}

/** Communes by name or postal-code prefix, largest first (for pickers and autocompletion). */
export async function findCommunes(deps: { sql: Queryable }, input: { q?: string; territory?: string; limit: number }) {
  const rows = await searchCommunes(deps.sql, input.q, input.territory, input.limit);
  return {
    items: rows.map((r) => ({ insee: r.insee, name: r.name, postalCode: r.postal_code, territory: r.territory_code, lat: r.lat, lon: r.lon })),
  };
}

/** Themes, skills (by domain) and board roles with their French labels. */
export async function getVocabulary(deps: { sql: Queryable }) {
  return selectVocabulary(deps.sql);
}

/** The commune of an INSEE code, or an Invalid error naming the field. */
export async function requireCommune(sql: Queryable, insee: string, field = 'communeInsee') {
  const commune = await selectCommune(sql, insee);
  if (!commune) throw new Invalid('Commune inconnue sur ce territoire.', [{ path: field, message: `commune ${insee} inconnue` }]);
  return commune;
}

export type TerritoryImport = {
  code: string;
  name: string;
  departement: string;
  communes: { insee: string; name: string; postalCode: string; lat: number; lon: number; population?: number }[];
};

/** Creates or updates a territory and its communes (operators' import; the demo loader uses it too). */
export async function importTerritory(deps: { sql: import('../../db/database.ts').Sql }, input: TerritoryImport): Promise<string> {
  return deps.sql.begin(async (tx) => {
    const id = await upsertTerritory(tx, input);
    await upsertCommunes(tx, id, input.communes);
    return id;
  });
}
