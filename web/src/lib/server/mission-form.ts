import type { ApiEvent } from './api.ts';
import { availabilityField, checked, list, numberField, optionalText, text, valuesOf } from './forms.ts';
import { resolveCommune } from './vocabulary.ts';

/** The mission form as the API's MissionCreate/MissionUpdate body, or the field errors found before calling it. */
export async function readMissionForm(event: ApiEvent, fd: FormData) {
  const values = valuesOf(fd);
  const errors: Record<string, string> = {};
  const places = numberField(fd, 'places', errors, { integer: true });
  const minAge = numberField(fd, 'minAge', errors, { integer: true });
  const isRemote = checked(fd, 'isRemote');
  let communeInsee: string | null = null;
  if (text(fd, 'commune')) {
    const commune = await resolveCommune(event, text(fd, 'commune'));
    if ('error' in commune) errors.commune = commune.error;
    else communeInsee = commune.insee;
  } else if (!isRemote) errors.commune = 'une commune est requise pour une mission sur place';
  const body = {
    title: text(fd, 'title'),
    description: text(fd, 'description'),
    skills: list(fd, 'skills'),
    themes: list(fd, 'themes'),
    isRemote,
    communeInsee,
    schedule: availabilityField(fd, 'schedule'),
    places: places ?? 1,
    startsOn: optionalText(fd, 'startsOn') ?? null,
    endsOn: optionalText(fd, 'endsOn') ?? null,
    minAge: minAge ?? 0,
    accessibility: list(fd, 'accessibility'),
  };
  return { body, values, errors };
}
