import { loadMembers, memberActions } from '$lib/server/members.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadMembers(event, 'company');
export const actions = memberActions('company') satisfies Actions;
