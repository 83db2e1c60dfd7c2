import type { Agenda } from '$contract/speed-dating.ts';
import type { SpeedDatingSession } from '$contract/speed-dating-sessions.ts';
import { getOrFail } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const base = `/speed-dating/sessions/${encodeURIComponent(event.params.id)}`;
  const [session, agenda] = await Promise.all([
    getOrFail<SpeedDatingSession>(event, base),
    getOrFail<Agenda>(event, `${base}/agendas/${encodeURIComponent(event.params.participantId)}`),
  ]);
  return { session, agenda, participant: session.participants.find((p) => p.id === event.params.participantId) ?? null };
};
