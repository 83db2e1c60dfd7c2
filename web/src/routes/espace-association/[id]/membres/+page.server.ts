import { loadMembers, memberActions } from '$lib/server/members.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadMembers(event, 'association');
export const actions = memberActions('association') satisfies Actions;
