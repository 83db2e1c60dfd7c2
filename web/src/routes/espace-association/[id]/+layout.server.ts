import { error, redirect } from '@sveltejs/kit';
import type { Association } from '$contract/associations.ts';
import { getOrFail } from '$lib/server/api.ts';
import type { LayoutServerLoad } from './$types';

/** Every page of an association's space: signed in, and a member of this association. */
export const load: LayoutServerLoad = async (event) => {
  const me = event.locals.me;
  if (!me) redirect(303, `/compte/connexion?suite=${encodeURIComponent(event.url.pathname)}`);
  const membership = me.associations.find((a) => a.id === event.params.id);
  if (!membership && !me.isPlatformAdmin) error(403, 'Cet espace est réservé aux membres de l’association.');
  const association = await getOrFail<Association>(event, `/associations/${encodeURIComponent(event.params.id)}`);
  return { association, role: membership?.role ?? 'admin' };
};
