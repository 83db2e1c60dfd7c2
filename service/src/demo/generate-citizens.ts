import { createCommunePicker } from './places.ts';
import { uuidFrom, type Rng } from './prng.ts';
import { drawAvailability } from './schedules.ts';
import { agree, capitalise, contract, daysBefore, fill, slugify } from './text.ts';
import type { GenCitizen } from './types.ts';
import { ACTIVITIES, SUPPORT_ACTIVITIES } from './vocabulary/activities.ts';
import type { Activity, ScheduleKind } from './vocabulary/activity.ts';
import {
  ACCESSIBILITY_WISHES, AVAILABILITY_PHRASES, DESIRES, FIRST_NAMES, LAST_NAMES, PERSONAS, PROFESSIONS, STUDIES, WISH_ENDINGS,
  type Occupation, type Persona,
} from './vocabulary/people.ts';

const pickCommune = createCommunePicker(0.85);
const PERSONA_WEIGHTS = PERSONAS.map((p) => [p, p.weight] as const);
const ACTIVITY_WEIGHTS = ACTIVITIES.map((a) => [a, a.associationNames.length ? a.weight : 1] as const);
const LANGUAGE_OF: Record<string, string> = { anglais: 'en', allemand: 'de', arabe: 'ar' };

/** Skilled people often volunteer with their trade: an accountant for an association's accounts. */
function activityForSkills(skills: readonly string[]): Activity | undefined {
  return SUPPORT_ACTIVITIES.concat(ACTIVITIES.filter((a) => a.code === 'acces_droits' || a.code === 'insertion_emploi')).find((a) =>
    a.skills.some((s) => skills.includes(s)),
  );
}

function drawActivity(rng: Rng, persona: Persona, occupation: Occupation | null): Activity {
  const skilled = occupation ? activityForSkills(occupation.skills) : undefined;
  if (skilled && persona.code !== 'lyceen' && rng.chance(0.45)) return skilled;
  for (;;) {
    const activity = rng.weighted(ACTIVITY_WEIGHTS);
    // Minors are not offered adults-only activities (night outreach, transport…).
    if (persona.code === 'lyceen' && activity.adultsOnlyShare >= 0.7) continue;
    return activity;
  }
}

function drawScheduleKinds(rng: Rng, persona: Persona, activity: Activity): ScheduleKind[] {
  const shared = persona.schedules.filter((k) => activity.schedules.includes(k));
  const first = shared.length && rng.chance(0.8) ? rng.pick(shared) : rng.pick(persona.schedules);
  const second = rng.chance(0.4) ? rng.pick(persona.schedules) : null;
  return second && second !== first ? [first, second] : [first];
}

function writeWish(
  rng: Rng,
  c: { gender: 'f' | 'm'; persona: Persona; introTemplate: string; occupation: Occupation | null; activity: Activity; second: Activity | null; kinds: ScheduleKind[]; accessibility: string[]; isOpenToBoard: boolean; commune: string },
): string {
  const intro = fill(c.introTemplate, { occupation: c.occupation ? c.occupation[c.gender] : '' });
  const wish = rng.pick(c.activity.wishes);
  const when = c.kinds.map((k) => rng.pick(AVAILABILITY_PHRASES[k])).join(' ou ');
  let text: string;
  switch (rng.int(0, 3)) {
    case 0:
      text = `${capitalise(intro)}, ${fill(rng.pick(DESIRES), { wish })} ${when}.`;
      break;
    case 1:
      text = `Bonjour ! ${capitalise(intro)}. ${capitalise(fill(rng.pick(DESIRES), { wish }))}. Je suis disponible ${when}.`;
      break;
    case 2:
      text = `${capitalise(intro)}, dispo ${when} pour ${wish}.`;
      break;
    default:
      text = `${capitalise(fill(rng.pick(DESIRES), { wish }))}, ${when}. ${capitalise(intro)}, j'habite à ${c.commune}.`;
  }
  if (c.second) text += ` Ça me plairait aussi de ${rng.pick(c.second.wishes)}.`;
  if (c.isOpenToBoard) text += rng.pick([" Je suis prêt·e à m'investir dans le bureau d'une association (trésorerie, secrétariat).", " Pourquoi pas rejoindre le conseil d'administration d'une asso, si c'est utile."]);
  for (const need of c.accessibility) text += ACCESSIBILITY_WISHES[need as keyof typeof ACCESSIBILITY_WISHES] ?? '';
  text += rng.pick(WISH_ENDINGS);
  return agree(contract(text), c.gender);
}

/** One citizen: who they are (persona, occupation), what they wish to do, when, where, with what needs. */
export function generateCitizen(rng: Rng, index: number, reference: Date): GenCitizen {
  const persona = rng.weighted(PERSONA_WEIGHTS);
  const [firstName, gender] = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const occupation = persona.occupations === 'professions' ? rng.pick(PROFESSIONS) : persona.occupations === 'studies' ? rng.pick(STUDIES) : null;
  const activity = drawActivity(rng, persona, occupation);
  const secondCandidate = rng.chance(0.2) ? drawActivity(rng, persona, null) : null;
  const second = secondCandidate && secondCandidate !== activity ? secondCandidate : null;
  const kinds = drawScheduleKinds(rng, persona, activity);
  const commune = pickCommune(rng);
  const accessibility = rng.chance(0.04) ? [rng.weighted([['fauteuil', 45], ['sans_station_debout', 25], ['malvoyant', 15], ['malentendant', 15]] as const)] : [];
  const isOpenToBoard = rng.chance(persona.boardShare);
  // The occupation's skills count only when the wish says what the person does.
  const introTemplate = rng.pick(persona.intros[gender]);
  const saysOccupation = introTemplate.includes('{occupation}');
  const wish = writeWish(rng, { gender, persona, introTemplate, occupation, activity, second, kinds, accessibility, isOpenToBoard, commune: commune.name });
  const occupationSkills = occupation && saysOccupation ? rng.sample(occupation.skills, rng.int(1, occupation.skills.length)) : [];
  const skills = [...new Set([...activity.skills, ...occupationSkills, ...(isOpenToBoard ? ['gouvernance'] : [])])];
  const languages = ['fr', ...new Set(skills.map((s) => LANGUAGE_OF[s]).filter((l): l is string => !!l))];
  const rural = commune.population < 5000;
  return {
    id: uuidFrom(rng),
    userId: uuidFrom(rng),
    email: `${slugify(firstName)}.${slugify(lastName)}.${index}@habitants.demo.invalid`,
    firstName,
    lastName,
    persona: persona.code,
    activity: activity.code,
    birthYear: reference.getUTCFullYear() - rng.int(persona.ages[0], persona.ages[1]),
    wish,
    skills,
    themes: [...new Set([...activity.themes, ...(second?.themes ?? [])])],
    availability: drawAvailability(rng, kinds),
    communeInsee: commune.insee,
    lat: commune.lat,
    lon: commune.lon,
    territoryCode: commune.territoryCode,
    radiusKm: rural ? rng.pick([10, 15, 20, 30]) : rng.pick([3, 5, 10, 10, 15]),
    languages,
    accessibilityNeeds: accessibility,
    acceptsRemote: kinds.includes('flexible') || rng.chance(0.6),
    isVisibleToAssociations: isOpenToBoard || rng.chance(0.4),
    isOpenToBoardRoles: isOpenToBoard,
    digest: rng.weighted([['never', 50], ['weekly', 40], ['daily', 10]] as const),
    createdAt: daysBefore(rng, reference, 1, 700),
  };
}
