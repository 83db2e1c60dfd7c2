import { uuidFrom, type Rng } from './prng.ts';
import type { GenApplication, GenCitizen, GenMission } from './types.ts';

const MESSAGES = [
  "Bonjour, votre mission m'intéresse beaucoup. Je suis disponible dès la semaine prochaine.",
  'Bonjour, je peux venir sur le créneau indiqué. Au plaisir de vous rencontrer !',
  "Bonjour, je n'ai jamais fait ça mais j'ai très envie d'essayer. Est-ce possible de venir voir une première fois ?",
  'Bonjour, je suis intéressée, pouvez-vous me rappeler ? Merci.',
  'Bonjour, intéressé par la mission, je suis disponible le créneau indiqué.',
  '',
];

/** Who may apply to what: citizens grouped by territory and activity, and by territory alone as a fallback. */
export type CitizenIndex = Map<string, string[]>;

export function indexCitizens(citizens: Iterable<Pick<GenCitizen, 'id' | 'territoryCode' | 'activity'>>, index: CitizenIndex = new Map()): CitizenIndex {
  for (const c of citizens) {
    for (const key of [`${c.territoryCode}|${c.activity}`, c.territoryCode]) {
      const list = index.get(key);
      if (list) list.push(c.id);
      else index.set(key, [c.id]);
    }
  }
  return index;
}

/**
 * Applications to one mission, drawn from citizens of its territory who wish for the same activity (or any,
 * sometimes); sets the mission's accepted and pending counts, never accepting more than its places.
 */
export function drawApplications(rng: Rng, mission: Omit<GenMission, 'acceptedCount' | 'pendingCount'>, index: CitizenIndex, reference: Date): { applications: GenApplication[]; acceptedCount: number; pendingCount: number } {
  if (mission.status === 'draft') return { applications: [], acceptedCount: 0, pendingCount: 0 };
  const count = rng.weighted([[0, 45], [1, 30], [2, 15], [rng.int(3, 5), 10]] as const);
  const pool = (rng.chance(0.8) && index.get(`${mission.territoryCode}|${mission.activity}`)) || index.get(mission.territoryCode) || [];
  const applicants = count ? rng.sample(pool, count) : [];
  let acceptedCount = 0;
  let pendingCount = 0;
  const applications = applicants.map((citizenId): GenApplication => {
    let status = rng.weighted([['pending', 50], ['accepted', 30], ['declined', 14], ['withdrawn', 6]] as const);
    if (status === 'accepted' && acceptedCount >= mission.places) status = 'pending';
    if (mission.status === 'closed' && status === 'pending') status = 'declined';
    if (status === 'accepted') acceptedCount++;
    if (status === 'pending') pendingCount++;
    const createdAt = new Date(Math.min(reference.getTime() - 3_600_000, mission.createdAt.getTime() + rng.int(1, 20 * 24) * 3_600_000));
    const decidedAt = status === 'accepted' || status === 'declined' ? new Date(Math.min(reference.getTime(), createdAt.getTime() + rng.int(2, 120) * 3_600_000)) : null;
    return { id: uuidFrom(rng), missionId: mission.id, citizenId, status, message: rng.pick(MESSAGES), createdAt, decidedAt };
  });
  return { applications, acceptedCount, pendingCount };
}
