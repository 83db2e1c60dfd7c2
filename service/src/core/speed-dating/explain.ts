/**
 * Why a pair was not scheduled, and why someone got fewer meetings than the organiser's minimum.
 * Reasons are checked from the hardest to the softest, so the first one that applies is the real cause.
 */
import type { Meeting, Shortfall, UnscheduledPair } from '../../contract/speed-dating.ts';
import type { Model } from './model.ts';

export type Explanation = { unscheduled: UnscheduledPair[]; shortfalls: Shortfall[] };

export function explainSchedule(m: Model, meetings: readonly Meeting[]): Explanation {
  const { nA, nC, rounds: R } = m;
  const T = m.tables.length;
  const people = [...m.input.associations, ...m.input.companies];
  const first = people.map((p) => p.firstRound ?? 1);
  const last = people.map((p, i) => (m.isAbsent[i] ? Math.min(p.lastRound ?? R, m.horizonStart - 1) : (p.lastRound ?? R)));
  const index = new Map(m.ids.map((id, i) => [id, i]));
  const degree = new Int32Array(nA + nC);
  const busy = new Uint8Array((nA + nC) * (R + 1));
  const load = new Int32Array(R + 1);
  const met = new Uint8Array(nA * nC);
  for (const x of meetings) {
    const a = index.get(x.associationId)!;
    const c = index.get(x.companyId)!;
    degree[a]++;
    degree[c]++;
    busy[a * (R + 1) + x.round] = 1;
    busy[c * (R + 1) + x.round] = 1;
    load[x.round]++;
    met[a * nC + c - nA] = 1;
  }
  const name = (i: number) => m.names[i];
  const present = (i: number) => Math.max(0, last[i] - first[i] + 1);

  const unscheduled: UnscheduledPair[] = [];
  const acceptable = new Int32Array(nA + nC);
  for (let a = 0; a < nA; a++) {
    for (let c = 0; c < nC; c++) {
      const j = nA + c;
      const level = m.level(a, c);
      const lo = Math.max(first[a], first[j]);
      const hi = Math.min(last[a], last[j]);
      const isDeclined = level.association === 'no' || level.company === 'no';
      if (!isDeclined && lo <= hi) {
        acceptable[a]++;
        acceptable[j]++;
      }
      if (met[a * nC + c]) continue;
      const isMust = level.association === 'must' || level.company === 'must';
      const add = (reason: UnscheduledPair['reason'], message: string) =>
        unscheduled.push({ associationId: m.ids[a], companyId: m.ids[j], reason, message, isMust });
      if (isDeclined) {
        const who = [level.association === 'no' ? name(a) : null, level.company === 'no' ? name(j) : null].filter(Boolean);
        add('declined', `« non merci » de ${who.join(' et de ')}`);
      } else if (m.isAbsent[a] || m.isAbsent[j]) {
        const who = [m.isAbsent[a] ? name(a) : null, m.isAbsent[j] ? name(j) : null].filter(Boolean);
        add('absent', `${who.join(' et ')} absent·e à partir de la ronde ${m.horizonStart}`);
      } else if (lo > hi) {
        add('no-common-round', `${name(a)} (rondes ${first[a]}–${last[a]}) et ${name(j)} (rondes ${first[j]}–${last[j]}) ne sont jamais présents en même temps`);
      } else if (degree[a] >= present(a) || degree[j] >= present(j)) {
        const full = degree[a] >= present(a) ? a : j;
        add('capacity', `capacité : ${name(full)} a déjà ${degree[full]} rencontres, une à chaque ronde où il ou elle est présent·e`);
      } else {
        let allFull = true;
        let bothFree = false;
        for (let r = lo; r <= hi; r++) {
          if (load[r] < T) allFull = false;
          if (load[r] < T && !busy[a * (R + 1) + r] && !busy[j * (R + 1) + r]) bothFree = true;
        }
        if (allFull) add('session-full', `toutes les tables sont occupées pendant leurs rondes communes (${lo}–${hi})`);
        else if (!bothFree) add('lower-value', 'aucune ronde commune où les deux sont libres avec une table ; les rencontres retenues valent plus');
        else add('lower-value', 'aucun gain à les faire se rencontrer (ni souhait déclaré ni affinité)');
      }
    }
  }

  const shortfalls: Shortfall[] = [];
  const target = m.input.minMeetings;
  for (let i = 0; i < nA + nC; i++) {
    if (degree[i] >= target) continue;
    const base = { participantId: m.ids[i], meetings: degree[i], minimum: target };
    if (m.isAbsent[i]) shortfalls.push({ ...base, reason: 'absent', message: `${name(i)} est absent·e à partir de la ronde ${m.horizonStart}` });
    else if (present(i) < target) shortfalls.push({ ...base, reason: 'window-too-short', message: `${name(i)} n'est présent·e que ${present(i)} rondes` });
    else if (acceptable[i] < target) shortfalls.push({ ...base, reason: 'too-few-acceptable-partners', message: `seulement ${acceptable[i]} partenaires possibles pour ${name(i)} (« non merci » ou horaires)` });
    else shortfalls.push({ ...base, reason: 'session-capacity', message: `les tables et les partenaires possibles de ${name(i)} sont pris par d'autres minimums et souhaits` });
  }
  return { unscheduled, shortfalls };
}
