import { error, redirect } from '@sveltejs/kit';
import type { Page } from '$contract/common.ts';
import { SpeedDatingSessionCreate, type SpeedDatingSession, type SpeedDatingSessionSummary } from '$contract/speed-dating-sessions.ts';
import { callApi, toQuery } from '$lib/server/api.ts';
import { contractErrors, failFromProblem, failLocally, numberField, optionalText, text, valuesOf } from '$lib/server/forms.ts';
import { listTerritories } from '$lib/server/vocabulary.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const me = event.locals.me;
  if (!me) redirect(303, '/compte/connexion?suite=/espace-organisateur');
  if (!me.isOrganiser && !me.isPlatformAdmin) error(403, 'Cet espace est réservé aux organisateurs d’événements. Demandez ce rôle à l’équipe de la plateforme.');
  const [sessions, territories] = await Promise.all([
    callApi<Page<SpeedDatingSessionSummary>>(event, 'GET', '/speed-dating/sessions' + toQuery({ mine: 'true', limit: 100 })),
    listTerritories(event),
  ]);
  return { sessions: sessions.ok ? sessions.data.items : [], problem: sessions.ok ? null : (sessions.problem.detail ?? sessions.problem.title), territories };
};

export const actions: Actions = {
  create: async (event) => {
    const fd = await event.request.formData();
    const values = valuesOf(fd);
    const errors: Record<string, string> = {};
    const rounds = numberField(fd, 'rounds', errors, { integer: true });
    const tableCount = numberField(fd, 'tableCount', errors, { integer: true });
    const roundMinutes = numberField(fd, 'roundMinutes', errors, { integer: true });
    const breakMinutes = numberField(fd, 'breakMinutes', errors, { integer: true });
    const minMeetings = numberField(fd, 'minMeetings', errors, { integer: true });
    if (tableCount !== undefined && (tableCount < 1 || tableCount > 200)) errors.tableCount = 'entre 1 et 200 tables';
    const body = {
      territoryId: text(fd, 'territoryId'),
      title: text(fd, 'title'),
      date: text(fd, 'date'),
      startTime: text(fd, 'startTime'),
      roundMinutes: roundMinutes ?? 0,
      breakMinutes: breakMinutes ?? 0,
      location: optionalText(fd, 'location'),
      rounds: rounds ?? 0,
      tables: Array.from({ length: tableCount ?? 0 }, (_, i) => `Table ${i + 1}`),
      minMeetings: minMeetings ?? 0,
    };
    if (Object.keys(errors).length) return failLocally(values, { ...contractErrors(SpeedDatingSessionCreate, body, { tables: 'tableCount' }), ...errors });
    const result = await callApi<SpeedDatingSession>(event, 'POST', '/speed-dating/sessions', body);
    if (!result.ok) return failFromProblem(result.status, result.problem, values, { tables: 'tableCount' });
    redirect(303, `/espace-organisateur/${result.data.id}`);
  },
};
