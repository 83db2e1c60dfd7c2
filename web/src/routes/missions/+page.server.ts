import type { Page } from '$contract/common.ts';
import type { Mission } from '$contract/missions.ts';
import { callApi, toQuery } from '$lib/server/api.ts';
import { getVocabulary, listCommunes } from '$lib/server/vocabulary.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

/** All open missions: keyword, theme and remote filters (a GET form), a page of cards and the map of the territory. */
export const load: PageServerLoad = async (event) => {
  const p = event.url.searchParams;
  const filters = { q: p.get('q')?.trim() ?? '', theme: p.getAll('theme'), remote: p.get('remote') ?? '', page: Math.max(1, Number(p.get('page')) || 1) };
  const query = { status: 'open', q: filters.q || undefined, theme: filters.theme, remote: filters.remote || undefined, limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE };
  const [list, forMap, vocabulary, communes] = await Promise.all([
    callApi<Page<Mission>>(event, 'GET', '/missions' + toQuery(query)),
    // The map shows every open mission matching the filters, not only this page (100 is the API's page maximum).
    callApi<Page<Mission>>(event, 'GET', '/missions' + toQuery({ ...query, limit: 100, offset: 0 })),
    getVocabulary(event),
    listCommunes(event),
  ]);
  const byCommune = new Map<string, { key: string; label: string; lat: number; lon: number; count: number; href: string }>();
  for (const m of forMap.ok ? forMap.data.items : []) {
    if (!m.commune) continue;
    const entry = byCommune.get(m.commune.insee) ?? { key: m.commune.insee, label: m.commune.name, lat: m.commune.lat, lon: m.commune.lon, count: 0, href: '' };
    entry.count++;
    byCommune.set(m.commune.insee, entry);
  }
  return {
    filters,
    themes: vocabulary.themes,
    missions: list.ok ? list.data : { items: [], total: 0, limit: PAGE_SIZE, offset: 0 },
    problem: list.ok ? null : (list.problem.detail ?? list.problem.title),
    points: [...byCommune.values()].map((p) => ({ ...p, href: undefined })),
    remoteCount: (forMap.ok ? forMap.data.items : []).filter((m) => m.isRemote).length,
    background: communes.map((c) => ({ lat: c.lat, lon: c.lon, name: c.name })),
    pageSize: PAGE_SIZE,
  };
};
