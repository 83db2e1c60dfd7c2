import type { SkillCode } from '../contract/vocabulary.ts';
import { communeOf, communesOfTerritory, drawQuartier } from './places.ts';
import { uuidFrom, type Rng } from './prng.ts';
import { describeSchedule, drawMissionSchedule } from './schedules.ts';
import { addDays, capitalise, contract, daysBefore, fill, formatDayFr, isoDate, listFr } from './text.ts';
import type { GenAssociation, GenMission } from './types.ts';
import { activityOf, SUPPORT_ACTIVITIES } from './vocabulary/activities.ts';
import type { Activity } from './vocabulary/activity.ts';
import { SKILL_LABELS } from './vocabulary/labels.ts';
import {
  ACCESSIBLE_PLACE, ADULTS_ONLY, CALLS, CLOSINGS, COMMITMENTS, NO_EXPERIENCE, OFFER_INTROS, OFFERS, REMOTE_NOTES, SEATED_NOTES,
  SKILL_WISHES, TASK_INTROS,
} from './vocabulary/missions.ts';

// Activities done standing or outdoors are rarely announced as wheelchair-accessible.
const PHYSICAL = new Set(['secourisme', 'nettoyage_nature', 'patrimoine', 'maraude', 'refuge_animaux', 'transport_solidaire', 'sport_encadrement']);
const SEATED = new Set(['ecoute', 'alphabetisation', 'soutien_scolaire', 'site_web', 'communication', 'gestion_tresorerie', 'acces_droits', 'inclusion_numerique']);
const DEMANDING = /nécessaire|demandée|indispensable|souhaitée/;

function placesPhrase(places: number): string {
  return places === 1 ? 'un·e bénévole' : `${places} bénévoles`;
}

function writeDescription(
  rng: Rng,
  m: { activity: Activity; host: Activity; association: GenAssociation; commune: string; quartier: string; places: number; extraSkill: SkillCode | null; kind: Parameters<typeof describeSchedule>[1]; schedule: number; eventDay: string | null; isRemote: boolean; minAge: number; accessibility: string[] },
): string {
  const { activity, association } = m;
  const slots = { commune: m.commune, quartier: m.quartier, n: rng.int(3, 40) * 10 };
  const tasks = rng.sample(activity.tasks, rng.int(2, Math.min(4, activity.tasks.length)));
  const isShort = rng.chance(0.2);
  const parts: string[] = [];

  if (!isShort) {
    const context = contract(fill(rng.pick(activity.contexts), slots));
    if (activity !== m.host) {
      const hostContext = contract(fill(rng.pick(m.host.contexts), slots));
      parts.push(`${association.name}, qui ${hostContext}, ${context}.`);
    } else {
      parts.push(rng.pick([`${association.name} ${context}.`, `Qui sommes-nous ? ${association.name} ${context}.`, `Depuis ${association.createdAt.getUTCFullYear() - rng.int(0, 30)}, ${association.name} ${context}.`]));
    }
  }
  parts.push(fill(rng.pick(CALLS), { places: placesPhrase(m.places), task: tasks[0] }));
  // The call already names the first task; the list gives the others.
  const others = tasks.slice(1);
  if (others.length && !isShort) {
    parts.push(others.length > 1 && rng.chance(0.5) ? `${rng.pick(TASK_INTROS)}\n${others.map((t) => `- ${t}`).join('\n')}` : `${rng.pick(TASK_INTROS)} ${listFr(others)}.`);
  }
  if (!isShort && rng.chance(0.6)) {
    const where = m.isRemote ? '' : rng.chance(0.5) ? ` à ${m.commune}` : contract(` dans ${m.quartier}`);
    parts.push(`Vous interviendrez auprès ${contract('de ' + rng.pick(activity.publics))}${where}.`);
  }
  parts.push(describeSchedule(rng, m.kind, m.schedule, m.eventDay) + (isShort ? '' : ' ' + rng.pick(COMMITMENTS[m.kind])));

  const requirement = activity.requirements && rng.chance(0.8) ? rng.pick(activity.requirements) : null;
  if (requirement) parts.push(requirement);
  if (m.extraSkill) parts.push(capitalise(fill(rng.pick(SKILL_WISHES), { skill: SKILL_LABELS[m.extraSkill], Skill: capitalise(SKILL_LABELS[m.extraSkill]) })));
  if (!requirement || !DEMANDING.test(requirement)) if (rng.chance(0.7)) parts.push(rng.pick(NO_EXPERIENCE));
  if (m.isRemote) parts.push(rng.pick(REMOTE_NOTES));
  if (m.accessibility.includes('fauteuil')) parts.push(rng.pick(ACCESSIBLE_PLACE));
  if (m.accessibility.includes('sans_station_debout')) parts.push(rng.pick(SEATED_NOTES));
  if (m.minAge >= 18 && !requirement?.includes('majeur')) parts.push(rng.pick(ADULTS_ONLY));
  if (!isShort && rng.chance(0.7)) {
    const offers = rng.sample(OFFERS, rng.int(2, 3));
    parts.push(`${rng.pick(OFFER_INTROS)} ${listFr(offers)}.`);
  }
  const closing = rng.pick(CLOSINGS);
  if (closing) parts.push(closing);
  return parts.join(rng.chance(0.5) ? '\n\n' : '\n');
}

/**
 * One mission of an association: mostly of the activity it was founded for, sometimes a support role (its
 * website, its accounts). Tags, schedule and text are drawn together so that they agree.
 */
export function generateMission(rng: Rng, association: GenAssociation, reference: Date): Omit<GenMission, 'acceptedCount' | 'pendingCount'> {
  const host = activityOf(rng.pick(association.activities));
  const activity = rng.chance(0.12) ? rng.pick(SUPPORT_ACTIVITIES) : host;
  const kind = rng.pick(activity.schedules);
  const schedule = drawMissionSchedule(rng, kind);
  const isRemote = rng.chance(activity.remoteShare);
  const home = communeOf(association.communeInsee);
  const commune = isRemote && rng.chance(0.6) ? null : rng.chance(0.75) ? home : rng.pick(communesOfTerritory(association.territoryCode));
  const placeName = commune?.name ?? home.name;
  const quartier = drawQuartier(rng, commune ?? home);
  const extraSkill = activity.extraSkills && rng.chance(0.35) ? rng.pick(activity.extraSkills) : null;
  const minAge = rng.chance(activity.adultsOnlyShare) ? 18 : rng.chance(0.1) ? 16 : 0;
  const accessibility: string[] = [];
  if (!PHYSICAL.has(activity.code) && rng.chance(0.3)) accessibility.push('fauteuil');
  if (SEATED.has(activity.code) && rng.chance(0.4)) accessibility.push('sans_station_debout');
  const places = kind === 'event' ? rng.int(5, 30) : rng.weighted([[1, 50], [rng.int(2, 5), 35], [rng.int(6, 15), 15]] as const);

  let startsOn: string | null = null;
  let endsOn: string | null = null;
  let eventDay: string | null = null;
  if (kind === 'event') {
    const start = addDays(reference, rng.int(10, 150));
    const saturday = addDays(start, (6 - start.getUTCDay() + 7) % 7);
    startsOn = isoDate(saturday);
    endsOn = isoDate(addDays(saturday, 1));
    eventDay = formatDayFr(saturday).replace(/^samedi /, '');
  } else if (rng.chance(0.25)) {
    startsOn = isoDate(addDays(reference, rng.int(-30, 45)));
    if (rng.chance(0.5)) endsOn = isoDate(addDays(new Date(startsOn), rng.int(60, 300)));
  }

  const status = association.verification === 'pending' ? rng.weighted([['open', 70], ['draft', 30]] as const) : rng.weighted([['open', 88], ['closed', 7], ['draft', 5]] as const);
  const createdAt = daysBefore(rng, reference, 1, 120);
  const title = fill(rng.pick(activity.titles), { commune: placeName });
  const description = writeDescription(rng, { activity, host, association, commune: placeName, quartier, places, extraSkill, kind, schedule, eventDay, isRemote, minAge, accessibility });
  const themes = activity === host ? [...activity.themes] : [...new Set([...activity.themes, host.themes[0]])];
  return {
    id: uuidFrom(rng),
    associationId: association.id,
    activity: activity.code,
    title: title.length > 200 ? title.slice(0, 200) : title,
    description,
    skills: [...new Set([...activity.skills, ...(extraSkill ? [extraSkill] : [])])],
    themes,
    isRemote,
    communeInsee: commune?.insee ?? null,
    lat: commune?.lat ?? null,
    lon: commune?.lon ?? null,
    territoryCode: association.territoryCode,
    schedule,
    places,
    startsOn,
    endsOn,
    minAge,
    accessibility,
    status,
    createdAt,
    publishedAt: status === 'draft' ? null : createdAt,
  };
}
