import { redirect } from '@sveltejs/kit';
import type { Company } from '$contract/companies.ts';
import { callApi } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

/** The companies the signed-in user belongs to, and the way to register a new one. */
export const load: PageServerLoad = async (event) => {
  const me = event.locals.me;
  if (!me) redirect(303, '/compte/connexion?suite=/espace-entreprise');
  const results = await Promise.all(me.companies.map((c) => callApi<Company>(event, 'GET', `/companies/${c.id}`)));
  const companies = results.flatMap((r, i) => (r.ok ? [{ ...r.data, role: me.companies[i].role }] : []));
  if (companies.length === 1 && !event.url.searchParams.has('liste')) redirect(303, `/espace-entreprise/${companies[0].id}`);
  return { companies };
};
