import { getVocabulary } from '$lib/server/vocabulary.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const vocabulary = await getVocabulary(event);
  return {
    me: event.locals.me,
    labels: {
      themes: Object.fromEntries(vocabulary.themes.map((t) => [t.code, t.label])) as Record<string, string>,
      skills: Object.fromEntries(vocabulary.skills.map((t) => [t.code, t.label])) as Record<string, string>,
      boardRoles: Object.fromEntries(vocabulary.boardRoles.map((t) => [t.code, t.label])) as Record<string, string>,
    },
  };
};
