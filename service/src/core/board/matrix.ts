import { BOARD_COMPETENCY_CODES, BOARD_COMPETENCY_LABELS, type BoardCompetency, type BoardMatrix, type WeightedCompetency } from '../../contract/board.ts';
import { ROLE_LABELS } from './explain.ts';

/**
 * Gap analysis of a board: who covers which competency, who leaves within the horizon, which statutory roles
 * are (or will be) vacant, and the needs that follow, weighted and in priority order.
 *
 * gap(c) = demand(c) x shortage(c), where demand is the largest weight an open need gives c (at least the
 * baseline of FINANCE/JURIDIQUE that every board needs, and the competency a vacant role implies), and shortage
 * depends on how many staying members cover c: none 1, one 0.5 (fragile: a single departure opens it), two or
 * more 0.2 (an explicit ask still counts a little).
 */
export type MemberFacts = { id: string; fullName: string; role: string; competencies: readonly BoardCompetency[]; mandateEnd: string | null; isKeyPerson: boolean };
export type NeedFacts = { id: string; role: string; competencies: readonly WeightedCompetency[]; priority: number };

export const HORIZON_MONTHS = 12;
/** Roles most statutes require; an association without them cannot hold a valid general assembly. */
export const ESSENTIAL_ROLES = ['president', 'tresorier', 'secretaire'] as const;
const ROLE_COMPETENCY: Record<string, BoardCompetency> = { tresorier: 'finance', secretaire: 'juridique', president: 'gestion_projet' };
const BASELINE: Partial<Record<BoardCompetency, number>> = { finance: 0.3, juridique: 0.3 };
const SHORTAGE = (staying: number) => (staying === 0 ? 1 : staying === 1 ? 0.5 : 0.2);
const PRIORITY_WEIGHT: Record<number, number> = { 1: 1, 2: 0.7, 3: 0.4 };

/** The date `months` after `today`, as YYYY-MM-DD (mandates ending on or before it are departures). */
export function horizonDate(today: Date, months = HORIZON_MONTHS): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + months, today.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const frDate = (ymd: string) => ymd.split('-').reverse().join('/');

/** Builds the matrix and the prioritised gaps from the board's members and open needs (pure). */
export function analyseBoard(members: readonly MemberFacts[], needs: readonly NeedFacts[], today: Date): BoardMatrix {
  const horizon = horizonDate(today);
  const isLeaving = (m: MemberFacts) => m.mandateEnd !== null && m.mandateEnd <= horizon;
  const rows = members.map((m) => ({
    memberId: m.id,
    fullName: m.fullName,
    role: m.role,
    mandateEnd: m.mandateEnd,
    isLeaving: isLeaving(m),
    isKeyPerson: m.isKeyPerson,
    cells: BOARD_COMPETENCY_CODES.map((c) => m.competencies.includes(c)),
  }));
  const coverage = BOARD_COMPETENCY_CODES.map((code, j) => ({
    code,
    total: rows.filter((r) => r.cells[j]).length,
    staying: rows.filter((r) => r.cells[j] && !r.isLeaving).length,
  }));

  const vacantRoles: BoardMatrix['vacantRoles'] = [];
  for (const role of ESSENTIAL_ROLES) {
    const holders = members.filter((m) => m.role === role);
    if (holders.length === 0) vacantRoles.push({ role, reason: `Aucun·e ${ROLE_LABELS[role].toLowerCase()} au conseil` });
    else if (holders.every(isLeaving)) {
      const end = holders.map((m) => m.mandateEnd!).sort()[0];
      vacantRoles.push({ role, reason: `Le mandat de ${ROLE_LABELS[role].toLowerCase()} se termine le ${frDate(end)}` });
    }
  }

  const demand = new Map<BoardCompetency, { weight: number; why: string }>();
  const raise = (c: BoardCompetency, weight: number, why: string) => {
    if (weight > (demand.get(c)?.weight ?? 0)) demand.set(c, { weight, why });
  };
  for (const [c, w] of Object.entries(BASELINE) as [BoardCompetency, number][]) raise(c, w, 'utile à tout conseil');
  for (const v of vacantRoles) raise(ROLE_COMPETENCY[v.role], 1, `rôle de ${ROLE_LABELS[v.role].toLowerCase()} à pourvoir`);
  for (const n of needs) for (const c of n.competencies) raise(c.code, c.weight, `demandée pour le poste de ${ROLE_LABELS[n.role]?.toLowerCase() ?? n.role}`);

  const gaps = coverage
    .filter((c) => demand.has(c.code))
    .map((c) => {
      const d = demand.get(c.code)!;
      const held = c.staying === 0 ? 'personne ne la couvre après les départs' : c.staying === 1 ? 'une seule personne la couvre' : `${c.staying} personnes la couvrent`;
      return { code: c.code, weight: round3(d.weight * SHORTAGE(c.staying)), reason: `${d.why} ; ${held}` };
    })
    .filter((g) => g.weight > 0)
    .sort((a, b) => b.weight - a.weight || BOARD_COMPETENCY_CODES.indexOf(a.code) - BOARD_COMPETENCY_CODES.indexOf(b.code));
  const gapOf = new Map(gaps.map((g) => [g.code, g.weight]));

  const priorities: BoardMatrix['priorities'] = [];
  for (const n of needs) {
    const gapSum = n.competencies.reduce((s, c) => s + (gapOf.get(c.code) ?? 0), 0);
    priorities.push({
      kind: 'need',
      label: `Poste de ${ROLE_LABELS[n.role]?.toLowerCase() ?? n.role}`,
      detail: `priorité ${n.priority}, ${n.competencies.map((c) => BOARD_COMPETENCY_LABELS[c.code].toLowerCase()).join(', ') || 'sans compétence précisée'}`,
      weight: round3((PRIORITY_WEIGHT[n.priority] ?? 0.4) + 0.1 * gapSum),
    });
  }
  const neededRoles = new Set(needs.map((n) => n.role));
  for (const v of vacantRoles.filter((v) => !neededRoles.has(v.role))) {
    priorities.push({ kind: 'vacant_role', label: `${ROLE_LABELS[v.role]} à trouver`, detail: v.reason, weight: v.role === 'secretaire' ? 0.9 : 1 });
  }
  for (const r of rows.filter((r) => r.isKeyPerson && r.isLeaving)) {
    priorities.push({ kind: 'key_departure', label: `Départ de ${r.fullName}`, detail: `personne clé, mandat jusqu'au ${frDate(r.mandateEnd!)} : préparer la transmission`, weight: 0.8 });
  }
  for (const g of gaps) {
    priorities.push({ kind: 'competency', label: BOARD_COMPETENCY_LABELS[g.code], detail: g.reason, weight: g.weight });
  }
  priorities.sort((a, b) => b.weight - a.weight);

  return {
    competencies: BOARD_COMPETENCY_CODES.map((code) => ({ code, label: BOARD_COMPETENCY_LABELS[code] })),
    rows,
    coverage,
    vacantRoles,
    gaps,
    priorities,
  };
}

/** The gap weights as a record, for the ranking and the slates. */
export function gapWeights(matrix: Pick<BoardMatrix, 'gaps'>): Partial<Record<BoardCompetency, number>> {
  return Object.fromEntries(matrix.gaps.map((g) => [g.code, g.weight]));
}
