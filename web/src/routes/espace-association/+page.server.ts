import { redirect } from '@sveltejs/kit';
import type { Association } from '$contract/associations.ts';
import { callApi } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

/** The associations the signed-in user belongs to, and the way to register a new one. */
export const load: PageServerLoad = async (event) => {
  const me = event.locals.me;
  if (!me) redirect(303, '/compte/connexion?suite=/espace-association');
  const results = await Promise.all(me.associations.map((a) => callApi<Association>(event, 'GET', `/associations/${a.id}`)));
  const associations = results.flatMap((r, i) => (r.ok ? [{ ...r.data, role: me.associations[i].role }] : []));
  if (associations.length === 1 && !event.url.searchParams.has('liste')) redirect(303, `/espace-association/${associations[0].id}`);
  return { associations };
};
