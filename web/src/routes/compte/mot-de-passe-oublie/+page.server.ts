import type { Message } from '$contract/accounts.ts';
import { callApi } from '$lib/server/api.ts';
import { failFromProblem, text } from '$lib/server/forms.ts';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const values = { email: text(fd, 'email') };
    const result = await callApi<Message>(event, 'POST', '/auth/password/forgot', values);
    if (!result.ok) return failFromProblem(result.status, result.problem, values);
    return { done: true, message: result.data.message };
  },
};
