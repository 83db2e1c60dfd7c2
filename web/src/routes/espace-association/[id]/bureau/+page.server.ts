import { fail } from '@sveltejs/kit';
import type { Board, BoardCandidates, BoardMatrix, BoardSlates } from '$contract/board.ts';
import { BOARD_COMPETENCIES } from '$lib/labels.ts';
import { callApi, getOrFail, toQuery } from '$lib/server/api.ts';
import { checked, failFromProblem, list, numberField, optionalText, text, valuesOf } from '$lib/server/forms.ts';
import { getVocabulary } from '$lib/server/vocabulary.ts';
import type { Actions, PageServerLoad } from './$types';

/** Board renewal: who sits on the board and what they bring, who is leaving, open seats, candidates and slates. */
export const load: PageServerLoad = async (event) => {
  const base = `/associations/${encodeURIComponent(event.params.id)}/board`;
  const [board, matrix, slates, vocabulary] = await Promise.all([
    getOrFail<Board>(event, base),
    callApi<BoardMatrix>(event, 'GET', base + '/matrix'),
    callApi<BoardSlates>(event, 'GET', base + '/slates'),
    getVocabulary(event),
  ]);
  const openNeeds = board.needs.filter((n) => n.status === 'open');
  const selected = openNeeds.find((n) => n.id === event.url.searchParams.get('poste')) ?? openNeeds[0] ?? null;
  const candidates = selected ? await callApi<BoardCandidates>(event, 'GET', `${base}/needs/${selected.id}/candidates` + toQuery({ limit: 8 })) : null;
  return {
    board,
    matrix: matrix.ok ? matrix.data : null,
    slates: slates.ok ? slates.data : null,
    selectedNeedId: selected?.id ?? null,
    candidates: candidates?.ok ? candidates.data : null,
    candidatesProblem: candidates && !candidates.ok ? (candidates.problem.detail ?? candidates.problem.title) : null,
    competencyLabels: matrix.ok ? Object.fromEntries(matrix.data.competencies.map((c) => [c.code, c.label])) : BOARD_COMPETENCIES,
    roles: vocabulary.boardRoles,
  };
};

const base = (event: { params: { id: string } }) => `/associations/${encodeURIComponent(event.params.id)}/board`;

export const actions: Actions = {
  addMember: async (event) => {
    const fd = await event.request.formData();
    const body = { fullName: text(fd, 'fullName'), role: text(fd, 'role'), competencies: list(fd, 'competencies'), mandateEnd: optionalText(fd, 'mandateEnd') ?? null, isKeyPerson: checked(fd, 'isKeyPerson') };
    const result = await callApi(event, 'POST', base(event) + '/members', body);
    if (!result.ok) return failFromProblem(result.status, result.problem, valuesOf(fd), {}, 'member');
    return { done: `${body.fullName} ajouté·e au conseil.` };
  },
  removeMember: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi(event, 'DELETE', `${base(event)}/members/${encodeURIComponent(text(fd, 'memberId'))}`);
    if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
    return { done: 'Membre retiré du conseil.' };
  },
  addNeed: async (event) => {
    const fd = await event.request.formData();
    const errors: Record<string, string> = {};
    const meetingsPerMonth = numberField(fd, 'meetingsPerMonth', errors, { integer: true });
    const mandateYears = numberField(fd, 'mandateYears', errors, { integer: true });
    const priority = numberField(fd, 'priority', errors, { integer: true });
    if (Object.keys(errors).length) return fail(422, { scope: 'need', values: valuesOf(fd), errors, message: 'Un champ est à corriger.' });
    const body = {
      role: text(fd, 'role'),
      description: text(fd, 'description'),
      competencies: list(fd, 'competencies').map((code) => ({ code, weight: 1 })),
      meetingsPerMonth,
      mandateYears,
      priority,
    };
    const result = await callApi(event, 'POST', base(event) + '/needs', body);
    if (!result.ok) return failFromProblem(result.status, result.problem, valuesOf(fd), {}, 'need');
    return { done: 'Poste à pourvoir déclaré : les candidats correspondants apparaissent ci-dessous.' };
  },
  closeNeed: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi(event, 'POST', `${base(event)}/needs/${encodeURIComponent(text(fd, 'needId'))}/close`, { status: text(fd, 'status') });
    if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
    return { done: 'Poste clos.' };
  },
  contact: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi(event, 'POST', base(event) + '/contacts', { citizenId: text(fd, 'citizenId'), needId: optionalText(fd, 'needId'), message: text(fd, 'message') });
    if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
    return { done: 'Demande de contact envoyée : son identité vous sera révélée si la personne accepte.' };
  },
};
