import { getOrFail } from '$lib/server/api';
import type { PageServerLoad } from './$types';

type MissionPage = { items: { id: string; title: string; association: { name: string }; commune: { name: string } | null; isRemote: boolean; scheduleLabel: string }[]; total: number };

export const load: PageServerLoad = async (event) => {
  const missions = await getOrFail<MissionPage>(event, '/missions?limit=12&status=open');
  return { missions };
};
