import { callApi, toQuery, type ApiEvent } from './api.ts';

export type Term = { code: string; label: string };
export type Vocabulary = { themes: Term[]; skills: (Term & { domain: string })[]; skillDomains: Term[]; boardRoles: Term[] };
export type Commune = { insee: string; name: string; postalCode: string; territory: string; lat: number; lon: number };

// The vocabulary changes with a migration, not at runtime: five minutes of cache saves a call on every page.
let cached: { at: number; value: Vocabulary } | null = null;

export async function getVocabulary(event: ApiEvent): Promise<Vocabulary> {
  if (cached && Date.now() - cached.at < 5 * 60_000) return cached.value;
  const result = await callApi<Vocabulary>(event, 'GET', '/vocabulary');
  const value = result.ok ? result.data : { themes: [], skills: [], skillDomains: [], boardRoles: [] };
  if (result.ok) cached = { at: Date.now(), value };
  return value;
}

/** The largest communes (of a territory), for datalists and the map's background. */
export async function listCommunes(event: ApiEvent, territory?: string, limit = 100): Promise<Commune[]> {
  const result = await callApi<{ items: Commune[] }>(event, 'GET', '/communes' + toQuery({ territory, limit }));
  return result.ok ? result.data.items : [];
}

export type Territory = { id: string; code: string; name: string; departement: string; communes: number };
export async function listTerritories(event: ApiEvent): Promise<Territory[]> {
  const result = await callApi<{ items: Territory[] }>(event, 'GET', '/territories');
  return result.ok ? result.data.items : [];
}

/**
 * What a visitor typed in a commune field ("Haguenau (67500)", "67500", "Haguenau" or an INSEE code) as an
 * INSEE code, or an error message for the field.
 */
export async function resolveCommune(event: ApiEvent, raw: string): Promise<{ insee: string } | { error: string }> {
  const value = raw.trim();
  if (!value) return { error: 'commune requise' };
  const insee = value.match(/\[(\d{5}|2[AB]\d{3})\]\s*$/)?.[1];
  if (insee) return { insee };
  if (/^(\d{5}|2[AB]\d{3})$/.test(value)) {
    const byCode = await callApi<{ items: Commune[] }>(event, 'GET', '/communes' + toQuery({ q: value, limit: 5 }));
    const exact = byCode.ok ? byCode.data.items.find((c) => c.insee === value || c.postalCode === value) : undefined;
    if (exact) return { insee: exact.insee };
  }
  const name = value.replace(/\s*\(.*\)\s*$/, '');
  const postal = value.match(/\((\d{5})\)/)?.[1];
  const found = await callApi<{ items: Commune[] }>(event, 'GET', '/communes' + toQuery({ q: name, limit: 20 }));
  if (!found.ok || found.data.items.length === 0) return { error: `commune « ${value} » introuvable sur ce territoire` };
  const lower = name.toLowerCase();
  const match =
    found.data.items.find((c) => c.name.toLowerCase() === lower && (!postal || c.postalCode === postal)) ??
    found.data.items.find((c) => c.name.toLowerCase() === lower) ??
    (found.data.items.length === 1 ? found.data.items[0] : undefined);
  if (!match) return { error: `plusieurs communes commencent par « ${name} » : choisissez-en une dans la liste` };
  return { insee: match.insee };
}

/** How a commune is written in a commune field (and in its datalist). */
export const communeLabel = (c: { name: string; postalCode?: string }) => `${c.name}${c.postalCode ? ` (${c.postalCode})` : ''}`;
