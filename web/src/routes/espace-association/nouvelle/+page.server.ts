import { redirect } from '@sveltejs/kit';
import { AssociationCreate, type Association } from '$contract/associations.ts';
import { callApi } from '$lib/server/api.ts';
import { contractErrors, failFromProblem, failLocally, list, optionalText, text, valuesOf } from '$lib/server/forms.ts';
import { communeLabel, getVocabulary, listCommunes, resolveCommune } from '$lib/server/vocabulary.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.me) redirect(303, '/compte/connexion?suite=/espace-association/nouvelle');
  const [vocabulary, communes] = await Promise.all([getVocabulary(event), listCommunes(event)]);
  return { themes: vocabulary.themes, communes: communes.map(communeLabel) };
};

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const values = valuesOf(fd);
    const commune = await resolveCommune(event, text(fd, 'commune'));
    const body = {
      name: text(fd, 'name'),
      rna: optionalText(fd, 'rna')?.toUpperCase(),
      siren: optionalText(fd, 'siren')?.replace(/\s/g, ''),
      purpose: text(fd, 'purpose'),
      themes: list(fd, 'themes'),
      communeInsee: 'insee' in commune ? commune.insee : '',
      size: text(fd, 'size') || 'small',
      contactEmail: optionalText(fd, 'contactEmail'),
      website: optionalText(fd, 'website'),
    };
    if ('error' in commune) return failLocally(values, { ...contractErrors(AssociationCreate, body, { communeInsee: 'commune' }), commune: commune.error });
    const result = await callApi<Association>(event, 'POST', '/associations', body);
    if (!result.ok) return failFromProblem(result.status, result.problem, values, { communeInsee: 'commune' });
    redirect(303, `/espace-association/${result.data.id}?inscrite=1`);
  },
};
