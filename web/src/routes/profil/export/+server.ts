import { error } from '@sveltejs/kit';
import { fetchRaw } from '$lib/server/api.ts';
import type { RequestHandler } from './$types';

/** « Exporter mes données » : the API's JSON export, downloaded as a file. */
export const GET: RequestHandler = async (event) => {
  if (!event.locals.me) error(401, 'Connectez-vous pour exporter vos données.');
  return fetchRaw(event, '/me/export');
};
