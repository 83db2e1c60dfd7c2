import type { Activity } from './activity.ts';
import { COMMUNITY_ACTIVITIES } from './activities-community.ts';
import { EDUCATION_ACTIVITIES } from './activities-education.ts';
import { SOLIDARITY_ACTIVITIES } from './activities-solidarity.ts';

export const ACTIVITIES: readonly Activity[] = [...SOLIDARITY_ACTIVITIES, ...EDUCATION_ACTIVITIES, ...COMMUNITY_ACTIVITIES];

/** Activities an association is founded for (the others are support roles any association may need). */
export const HOST_ACTIVITIES = ACTIVITIES.filter((a) => a.associationNames.length > 0);
export const SUPPORT_ACTIVITIES = ACTIVITIES.filter((a) => a.associationNames.length === 0);

const BY_CODE = new Map(ACTIVITIES.map((a) => [a.code, a]));

export function activityOf(code: string): Activity {
  const activity = BY_CODE.get(code);
  if (!activity) throw new Error(`unknown demo activity ${code}`);
  return activity;
}
