import { error, redirect } from '@sveltejs/kit';
import type { Company } from '$contract/companies.ts';
import { getOrFail } from '$lib/server/api.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const me = event.locals.me;
  if (!me) redirect(303, `/compte/connexion?suite=${encodeURIComponent(event.url.pathname)}`);
  if (!me.companies.some((c) => c.id === event.params.id) && !me.isPlatformAdmin) error(403, 'Cet espace est réservé aux membres de l’entreprise.');
  return { company: await getOrFail<Company>(event, `/companies/${encodeURIComponent(event.params.id)}`) };
};
