import type { Association } from '$contract/associations.ts';
import type { Page } from '$contract/common.ts';
import { callApi, toQuery } from '$lib/server/api.ts';
import { getVocabulary, listCommunes } from '$lib/server/vocabulary.ts';
import type { PageServerLoad } from './$types';

/** The directory of associations on the territory: a search, the map of where they are, the list. */
export const load: PageServerLoad = async (event) => {
  const p = event.url.searchParams;
  const filters = { q: p.get('q')?.trim() ?? '', theme: p.getAll('theme') };
  const [list, vocabulary, communes] = await Promise.all([
    callApi<Page<Association>>(event, 'GET', '/associations' + toQuery({ q: filters.q || undefined, theme: filters.theme, limit: 100 })),
    getVocabulary(event),
    listCommunes(event),
  ]);
  const items = list.ok ? list.data.items : [];
  const byCommune = new Map<string, { key: string; label: string; lat: number; lon: number; count: number; detail: string }>();
  for (const a of items) {
    const e = byCommune.get(a.commune.insee) ?? { key: a.commune.insee, label: a.commune.name, lat: a.commune.lat, lon: a.commune.lon, count: 0, detail: '' };
    e.count++;
    e.detail = e.detail ? `${e.detail}, ${a.name}` : a.name;
    byCommune.set(a.commune.insee, e);
  }
  return {
    filters,
    themes: vocabulary.themes,
    associations: items,
    total: list.ok ? list.data.total : 0,
    problem: list.ok ? null : (list.problem.detail ?? list.problem.title),
    points: [...byCommune.values()],
    background: communes.map((c) => ({ lat: c.lat, lon: c.lon, name: c.name })),
  };
};
