/** Turns solver meetings into the published shapes: meetings, timetable (rounds x tables), agendas. */
import type { Agenda, Meeting, TimetableRound } from '../../contract/speed-dating.ts';
import type { Model, PlacedMeeting } from './model.ts';
import { toPoints } from './score.ts';

export function toMeetings(m: Model, placed: readonly PlacedMeeting[]): Meeting[] {
  const tableOrder = new Map(m.tables.map((t, i) => [t, i]));
  const own = placed.map((x) => ({
    round: x.round,
    table: x.table ?? '',
    associationId: m.ids[x.a],
    companyId: m.ids[m.nA + x.c],
    weight: toPoints(x.weight, m.weights),
    isMust: x.isMust,
    isLocked: x.isLocked,
  }));
  return [...m.past, ...own].sort(
    (p, q) => p.round - q.round || (tableOrder.get(p.table) ?? 0) - (tableOrder.get(q.table) ?? 0),
  );
}

export function toTimetable(m: Model, meetings: readonly Meeting[]): TimetableRound[] {
  const at = new Map(meetings.map((x) => [`${x.round}\u0000${x.table}`, x]));
  const timetable: TimetableRound[] = [];
  for (let r = 1; r <= m.rounds; r++) {
    const slots = m.tables.map((table) => {
      const x = at.get(`${r}\u0000${table}`);
      return { table, associationId: x?.associationId ?? null, companyId: x?.companyId ?? null };
    });
    timetable.push({ round: r, slots });
  }
  return timetable;
}

export function toAgendas(m: Model, meetings: readonly Meeting[]): Agenda[] {
  const nameOf = new Map(m.ids.map((id, i) => [id, m.names[i]]));
  const byId = new Map<string, Agenda['entries']>(m.ids.map((id) => [id, []]));
  for (const x of meetings) {
    byId.get(x.associationId)!.push({ round: x.round, table: x.table, partnerId: x.companyId, partnerName: nameOf.get(x.companyId)! });
    byId.get(x.companyId)!.push({ round: x.round, table: x.table, partnerId: x.associationId, partnerName: nameOf.get(x.associationId)! });
  }
  const people = [...m.input.associations, ...m.input.companies];
  return people.map((p, i) => {
    const entries = byId.get(p.id)!.sort((x, y) => x.round - y.round);
    const lastRound = m.isAbsent[i] ? Math.min(p.lastRound ?? m.rounds, m.horizonStart - 1) : (p.lastRound ?? m.rounds);
    const busy = new Set(entries.map((e) => e.round));
    const freeRounds: number[] = [];
    for (let r = p.firstRound ?? 1; r <= lastRound; r++) if (!busy.has(r)) freeRounds.push(r);
    return { participantId: p.id, side: i < m.nA ? 'association' : 'company', entries, freeRounds };
  });
}
