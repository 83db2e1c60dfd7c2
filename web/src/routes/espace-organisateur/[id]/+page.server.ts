import { fail } from '@sveltejs/kit';
import type { Association } from '$contract/associations.ts';
import type { Page } from '$contract/common.ts';
import type { Company } from '$contract/companies.ts';
import type { SpeedDatingSession } from '$contract/speed-dating-sessions.ts';
import { callApi, getOrFail, toQuery } from '$lib/server/api.ts';
import { failFromProblem, list, numberField, optionalText, text, valuesOf } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

/** One session: participants, wishes, the generated timetable and its certificate, locks, re-plan, agendas. */
export const load: PageServerLoad = async (event) => {
  const session = await getOrFail<SpeedDatingSession>(event, `/speed-dating/sessions/${encodeURIComponent(event.params.id)}`);
  const [associations, companies] = session.isOrganiser
    ? await Promise.all([
        callApi<Page<Association>>(event, 'GET', '/associations' + toQuery({ limit: 100 })),
        callApi<Page<Company>>(event, 'GET', '/companies' + toQuery({ limit: 100 })),
      ])
    : [null, null];
  const taken = new Set(session.participants.map((p) => p.organisationId));
  return {
    session,
    associations: associations?.ok ? associations.data.items.filter((a) => !taken.has(a.id)).map((a) => ({ value: a.id, label: a.name })) : [],
    companies: companies?.ok ? companies.data.items.filter((c) => !taken.has(c.id)).map((c) => ({ value: c.id, label: c.name })) : [],
  };
};

const path = (event: { params: { id: string } }, suffix = '') => `/speed-dating/sessions/${encodeURIComponent(event.params.id)}${suffix}`;
const problemOf = (r: { problem: { detail?: string; title: string; errors?: { message: string }[] } }) =>
  [r.problem.detail ?? r.problem.title, ...(r.problem.errors ?? []).map((e) => e.message)].join(' — ');

export const actions: Actions = {
  addParticipant: async (event) => {
    const fd = await event.request.formData();
    const values = valuesOf(fd);
    const errors: Record<string, string> = {};
    const firstRound = numberField(fd, 'firstRound', errors, { integer: true });
    const lastRound = numberField(fd, 'lastRound', errors, { integer: true });
    const organisation = text(fd, 'organisation');
    const [side, id] = organisation.split(':');
    if (!id) errors.organisation = 'choisissez une association ou une entreprise';
    if (Object.keys(errors).length) return fail(422, { scope: 'participant', values, errors, message: 'Un champ est à corriger.' });
    const body = { ...(side === 'company' ? { companyId: id } : { associationId: id }), firstRound, lastRound };
    const result = await callApi<SpeedDatingSession>(event, 'POST', path(event, '/participants'), body);
    if (!result.ok) return failFromProblem(result.status, result.problem, values, { associationId: 'organisation', companyId: 'organisation' }, 'participant');
    return { done: 'Participant inscrit.' };
  },
  removeParticipant: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi(event, 'DELETE', path(event, `/participants/${encodeURIComponent(text(fd, 'participantId'))}`));
    if (!result.ok) return fail(result.status, { actionError: problemOf(result) });
    return { done: 'Participant retiré.' };
  },
  preference: async (event) => {
    const fd = await event.request.formData();
    const level = text(fd, 'level');
    const body = { fromParticipantId: text(fd, 'from'), toParticipantId: text(fd, 'to'), level: level === 'none' ? null : level };
    const result = await callApi(event, 'PUT', path(event, '/preferences'), body);
    if (!result.ok) return failFromProblem(result.status, result.problem, valuesOf(fd), { fromParticipantId: 'from', toParticipantId: 'to' }, 'preference');
    return { done: 'Souhait enregistré.' };
  },
  generate: async (event) => {
    const result = await callApi(event, 'POST', path(event, '/schedule'));
    if (!result.ok) return fail(result.status, { actionError: problemOf(result) });
    return { done: 'Planning généré.' };
  },
  lock: async (event) => {
    const fd = await event.request.formData();
    const errors: Record<string, string> = {};
    const round = numberField(fd, 'round', errors, { integer: true });
    if (Object.keys(errors).length) return fail(422, { scope: 'lock', values: valuesOf(fd), errors, message: 'Un champ est à corriger.' });
    const body = { associationParticipantId: text(fd, 'associationParticipantId'), companyParticipantId: text(fd, 'companyParticipantId'), round, table: optionalText(fd, 'table') };
    const result = await callApi(event, 'PUT', path(event, '/locks'), body);
    if (!result.ok) return failFromProblem(result.status, result.problem, valuesOf(fd), { associationParticipantId: 'lockAssociation', companyParticipantId: 'lockCompany' }, 'lock');
    return { done: 'Rencontre verrouillée : elle sera gardée au prochain planning.' };
  },
  unlock: async (event) => {
    const fd = await event.request.formData();
    const body = { associationParticipantId: text(fd, 'associationParticipantId'), companyParticipantId: text(fd, 'companyParticipantId') };
    const result = await callApi(event, 'DELETE', path(event, '/locks'), body);
    if (!result.ok) return fail(result.status, { actionError: problemOf(result) });
    return { done: 'Rencontre déverrouillée.' };
  },
  replan: async (event) => {
    const fd = await event.request.formData();
    const errors: Record<string, string> = {};
    const fromRound = numberField(fd, 'fromRound', errors, { integer: true });
    if (fromRound === undefined) errors.fromRound ??= 'indiquez la ronde à partir de laquelle re-planifier';
    if (Object.keys(errors).length) return fail(422, { scope: 'replan', values: valuesOf(fd), errors, message: 'Un champ est à corriger.' });
    const result = await callApi(event, 'POST', path(event, '/replan'), { fromRound, noShows: list(fd, 'noShows') });
    if (!result.ok) return failFromProblem(result.status, result.problem, valuesOf(fd), {}, 'replan');
    return { done: 'Planning recalculé pour les rondes restantes.' };
  },
};
