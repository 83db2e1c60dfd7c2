import { redirect } from '@sveltejs/kit';
import { CompanyCreate, type Company } from '$contract/companies.ts';
import { callApi } from '$lib/server/api.ts';
import { contractErrors, failFromProblem, failLocally, text, valuesOf } from '$lib/server/forms.ts';
import { communeLabel, listCommunes, resolveCommune } from '$lib/server/vocabulary.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.me) redirect(303, '/compte/connexion?suite=/espace-entreprise/nouvelle');
  return { communes: (await listCommunes(event)).map(communeLabel) };
};

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const values = valuesOf(fd);
    const commune = await resolveCommune(event, text(fd, 'commune'));
    const body = {
      siren: text(fd, 'siren').replace(/\s/g, ''),
      name: text(fd, 'name'),
      sector: text(fd, 'sector'),
      description: text(fd, 'description'),
      communeInsee: 'insee' in commune ? commune.insee : '',
      size: text(fd, 'size') || 'sme',
    };
    if ('error' in commune) return failLocally(values, { ...contractErrors(CompanyCreate, body, { communeInsee: 'commune' }), commune: commune.error });
    const result = await callApi<Company>(event, 'POST', '/companies', body);
    if (!result.ok) return failFromProblem(result.status, result.problem, values, { communeInsee: 'commune' });
    redirect(303, `/espace-entreprise/${result.data.id}?inscrite=1`);
  },
};
