/**
 * Table assignment, round by round. Seating habit: associations stay at their table and companies move
 * (an association often has posters and flyers laid out). When there are no more associations than tables,
 * each association gets its own table for the whole session, so no association ever moves.
 * Otherwise each meeting prefers, in order: its locked table, the table it had in the previous plan,
 * the association's current seat, the company's current seat, then the first free table.
 */
import type { Meeting } from '../../contract/speed-dating.ts';
import type { Model, PlacedMeeting } from './model.ts';

export function assignTables(m: Model, horizon: readonly PlacedMeeting[]): PlacedMeeting[] {
  const T = m.tables.length;
  const tableIndex = new Map(m.tables.map((t, i) => [t, i]));
  const seat = new Int32Array(m.nA + m.nC).fill(-1);
  if (m.nA <= T) for (let a = 0; a < m.nA; a++) seat[a] = a;
  const ids = new Map(m.ids.map((id, i) => [id, i]));
  for (const p of [...m.past].sort((x, y) => x.round - y.round)) {
    seat[ids.get(p.associationId)!] = tableIndex.get(p.table) ?? -1;
    seat[ids.get(p.companyId)!] = tableIndex.get(p.table) ?? -1;
  }
  const out: PlacedMeeting[] = [];
  for (let r = m.horizonStart; r <= m.rounds; r++) {
    const round = horizon.filter((x) => x.round === r);
    const taken = new Int32Array(T).fill(-1);
    const table = new Int32Array(round.length).fill(-1);
    const claim = (i: number, t: number | undefined) => {
      if (table[i] !== -1 || t === undefined || t < 0 || taken[t] !== -1) return;
      taken[t] = i;
      table[i] = t;
    };
    round.forEach((x, i) => claim(i, x.table === null ? undefined : tableIndex.get(x.table)));
    round.forEach((x, i) => {
      const k = m.pairIndex[x.a * m.nC + x.c];
      const p = k >= 0 ? m.pairs[k] : null;
      if (p && p.plannedRound === r && p.plannedTable !== null) claim(i, tableIndex.get(p.plannedTable));
    });
    round.forEach((x, i) => claim(i, seat[x.a]));
    round.forEach((x, i) => claim(i, seat[m.nA + x.c]));
    round.forEach((_, i) => claim(i, taken.indexOf(-1)));
    round.forEach((x, i) => {
      seat[x.a] = table[i];
      seat[m.nA + x.c] = table[i];
      out.push({ ...x, table: m.tables[table[i]] });
    });
  }
  return out;
}

/** Seat changes between a participant's consecutive meetings, summed over participants. */
export function countTableMoves(meetings: readonly Meeting[]): number {
  const lastTable = new Map<string, string>();
  let moves = 0;
  for (const x of [...meetings].sort((p, q) => p.round - q.round)) {
    for (const id of [x.associationId, x.companyId]) {
      const before = lastTable.get(id);
      if (before !== undefined && before !== x.table) moves++;
      lastTable.set(id, x.table);
    }
  }
  return moves;
}
