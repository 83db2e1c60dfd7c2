import { fetchRaw } from '$lib/server/api.ts';
import type { RequestHandler } from './$types';

/** The participant's agenda as an iCalendar file, relayed from the API with its file name. */
export const GET: RequestHandler = (event) =>
  fetchRaw(event, `/speed-dating/sessions/${encodeURIComponent(event.params.id)}/agendas/${encodeURIComponent(event.params.participantId)}/ics`);
