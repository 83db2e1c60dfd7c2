import type { Message } from '$contract/accounts.ts';
import { callApi } from '$lib/server/api.ts';
import { failFromProblem, failLocally, text, valuesOf } from '$lib/server/forms.ts';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const values = valuesOf(fd);
    const password = String(fd.get('password') ?? '');
    if (password !== String(fd.get('passwordConfirm') ?? '')) return failLocally(values, { passwordConfirm: 'les deux mots de passe diffèrent' });
    const result = await callApi<Message>(event, 'POST', '/auth/signup', { email: text(fd, 'email'), password, displayName: text(fd, 'displayName') });
    if (!result.ok) return failFromProblem(result.status, result.problem, values);
    return { done: true, email: text(fd, 'email'), message: result.data.message };
  },
};
