import type { MissionSuggestions } from '$contract/matching.ts';
import type { Mission } from '$contract/missions.ts';
import type { Page } from '$contract/common.ts';
import { callApi, toQuery, type Problem } from '$lib/server/api.ts';
import { fieldErrors } from '$lib/server/forms.ts';
import { communeLabel, listCommunes, resolveCommune } from '$lib/server/vocabulary.ts';
import type { PageServerLoad } from './$types';

const RADII = [2, 5, 10, 20, 50, 100];

/**
 * Home. The search is a GET form (shareable, works without JavaScript): a wish in plain words, a commune, a
 * distance, the moments of the week. A citizen with a profile also sees the missions suggested for them.
 */
export const load: PageServerLoad = async (event) => {
  const { url, locals } = event;
  const params = url.searchParams;
  const search = {
    wish: params.get('souhait')?.trim() ?? '',
    commune: params.get('commune')?.trim() ?? '',
    radiusKm: Number(params.get('rayon') ?? 10) || 10,
    availability: params.getAll('availability'),
    acceptsRemote: params.has('souhait') ? params.get('distance') === 'on' : true,
  };
  const communes = await listCommunes(event);
  const [mine, latest] = await Promise.all([
    locals.me?.citizenId ? callApi<MissionSuggestions>(event, 'GET', '/me/suggestions' + toQuery({ limit: 6 })) : null,
    callApi<Page<Mission>>(event, 'GET', '/missions' + toQuery({ status: 'open', limit: 6 })),
  ]);

  let results: MissionSuggestions | null = null;
  let errors: Record<string, string> = {};
  let message = '';
  if (params.has('souhait')) {
    const commune = search.commune ? await resolveCommune(event, search.commune) : { error: 'indiquez votre commune pour trouver des missions proches' };
    if ('error' in commune) errors.commune = commune.error;
    const availability = search.availability.map((v) => ({ day: v.split(':')[0], slot: v.split(':')[1] }));
    const body = { wish: search.wish, communeInsee: 'insee' in commune ? commune.insee : undefined, radiusKm: search.radiusKm, availability, acceptsRemote: search.acceptsRemote, limit: 12 };
    const result = await callApi<MissionSuggestions>(event, 'POST', '/suggestions', body);
    if (result.ok && !errors.commune) results = result.data;
    else if (!result.ok) {
      errors = { ...fieldErrors(result.problem, { communeInsee: 'commune', radiusKm: 'rayon', wish: 'souhait' }), ...errors };
      message = (result.problem as Problem).detail ?? result.problem.title;
    }
    if (Object.keys(errors).length) message = 'Votre recherche est à préciser : voyez les champs signalés.';
  }
  return {
    search,
    radii: RADII,
    communes: communes.map(communeLabel),
    communePoints: communes.map((c) => ({ name: c.name, lat: c.lat, lon: c.lon })),
    results,
    errors,
    message,
    mine: mine?.ok ? mine.data : null,
    mineProblem: mine && !mine.ok ? (mine.problem.detail ?? mine.problem.title) : null,
    latest: latest.ok ? latest.data : null,
  };
};
