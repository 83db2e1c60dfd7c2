import { BOARD_COMPETENCY_LABELS, type BoardCandidate, type BoardCandidates, type BoardCompetency, type BoardSlates } from '../../contract/board.ts';
import type { Actor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { embedWithCache } from '../embeddings/cache.ts';
import { NotFound } from '../errors.ts';
import { withVectorSettings } from '../matching/candidates.sql.ts';
import { assertBoardAccess, loadBoardAnalysis } from './board.ts';
import { selectTies, type BoardNeedRow } from './board.sql.ts';
import { selectBoardAssociation, selectCitizenBoardCandidates, selectOfferBoardCandidates, type BoardAssociationRow } from './candidates.sql.ts';
import { conflictsOf, tiesFrom, type AssociationTies } from './conflicts.ts';
import { aliasOf, explainBoard, ROLE_LABELS, summariseBoard } from './explain.ts';
import { gapWeights } from './matrix.ts';
import { BOARD_WEIGHTS, competenciesOf, scoreBoardCandidate, type BoardFacts } from './score.ts';
import { bestSlate, EXACT_POOL_LIMIT, type SlateCandidate } from './slates.ts';

type Deps = Pick<CoreDeps, 'sql' | 'embedder'>;
/** Nearest neighbours read per source before re-ranking: opted-in pools are small, 200 leaves room for filters. */
const BOARD_K = 200;
const GOVERNANCE_SKILLS = ['gouvernance', 'strategie'];

/** The text a need is embedded from: the role, what the association wrote and the competencies by name. */
export function needText(n: Pick<BoardNeedRow, 'role' | 'description' | 'competencies'>): string {
  const comps = n.competencies.map((c) => BOARD_COMPETENCY_LABELS[c.code]).join(', ');
  return `${ROLE_LABELS[n.role] ?? n.role} au conseil d'administration. ${n.description} ${comps}`.trim();
}

/** A scored candidate; the French explanation is written only for the ones shown (see explainCandidate). */
type Scored = {
  kind: 'citizen' | 'company_offer';
  id: string;
  facts: BoardFacts;
  score: number;
  competencies: BoardCompetency[];
  conflicts: BoardCandidate['conflicts'];
  contact: BoardCandidate['contact'];
};

async function rankForNeed(deps: Deps, a: BoardAssociationRow, need: BoardNeedRow, gaps: Partial<Record<BoardCompetency, number>>, ties: AssociationTies): Promise<Scored[]> {
  const vector = (await embedWithCache(deps, [needText(need)], 'passage')).items[0].literal;
  const [citizens, offers] = await withVectorSettings(deps.sql, BOARD_K, async (tx) => [
    await selectCitizenBoardCandidates(tx, a, vector, BOARD_K),
    await selectOfferBoardCandidates(tx, a, vector, BOARD_K),
  ] as const);
  const base = { need: need.competencies, gaps, meetingsPerMonth: need.meetings_per_month, associationThemes: a.themes };
  const scored = (kind: Scored['kind'], id: string, facts: BoardFacts, conflicts: Scored['conflicts'], contact: Scored['contact']): Scored => ({
    kind, id, facts, score: scoreBoardCandidate(facts).score, competencies: [...facts.candidateCompetencies], conflicts, contact,
  });
  const items: Scored[] = [];
  for (const c of citizens) {
    const facts: BoardFacts = { ...base, similarity: c.similarity, candidateCompetencies: competenciesOf(c.skills, c.themes, a.themes), distanceKm: c.distance_km, availabilityMask: c.availability, candidateThemes: c.themes, boardSeats: c.board_association_ids.length, hasGovernanceSkill: c.skills.some((s) => GOVERNANCE_SKILLS.includes(s)) };
    items.push(scored('citizen', c.id, facts, conflictsOf({ employerIds: c.employer_ids, boardAssociationIds: c.board_association_ids }, ties), c.contact_id ? { id: c.contact_id, status: c.contact_status! } : null));
  }
  for (const o of offers) {
    const facts: BoardFacts = { ...base, similarity: o.similarity, candidateCompetencies: competenciesOf(o.skills, o.themes, a.themes), distanceKm: o.distance_km, availabilityMask: null, candidateThemes: o.themes, boardSeats: 0, hasGovernanceSkill: o.skills.some((s) => GOVERNANCE_SKILLS.includes(s)) };
    items.push(scored('company_offer', o.id, facts, conflictsOf({ employerIds: [o.company_id], boardAssociationIds: [] }, ties), null));
  }
  return items.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
}

function explainCandidate(c: Scored, rank: number, associationId: string): BoardCandidate {
  const components = explainBoard(c.facts, scoreBoardCandidate(c.facts));
  return { rank, kind: c.kind, id: c.id, alias: aliasOf(associationId, c.kind, c.id), competencies: c.competencies, score: c.score, summary: summariseBoard(components), components, conflicts: c.conflicts, contact: c.contact };
}

async function loadContext(deps: Deps, associationId: string) {
  const a = await selectBoardAssociation(deps.sql, associationId);
  if (!a) throw new NotFound('Association introuvable.');
  const [{ needs, matrix }, tieRows] = await Promise.all([loadBoardAnalysis(deps, associationId), selectTies(deps.sql, associationId)]);
  return { a, needs, gaps: gapWeights(matrix), ties: tiesFrom(tieRows) };
}

/** Anonymised candidates for one open role, ranked with their French explanation and conflict flags (members). */
export async function rankBoardCandidates(deps: Deps, actor: Actor, associationId: string, needId: string, options: { excludeConflicts?: boolean; limit: number }): Promise<BoardCandidates> {
  await assertBoardAccess(deps, actor, associationId, 'member');
  const { a, needs, gaps, ties } = await loadContext(deps, associationId);
  const need = needs.find((n) => n.id === needId);
  if (!need) throw new NotFound('Poste introuvable ou déjà pourvu.');
  const all = await rankForNeed(deps, a, need, gaps, ties);
  const kept = options.excludeConflicts ? all.filter((c) => c.conflicts.length === 0) : all;
  return {
    weightsVersion: BOARD_WEIGHTS.version,
    needId,
    excludedForConflict: all.length - kept.length,
    items: kept.slice(0, options.limit).map((c, i) => explainCandidate(c, i + 1, a.id)),
  };
}

/**
 * The best pair and trio for the board's gaps, drawn from the top candidates of every open role (members).
 * Exact on pools of at most EXACT_POOL_LIMIT, greedy with an upper bound beyond (see slates.ts).
 */
export async function suggestBoardSlates(deps: Deps, actor: Actor, associationId: string, options: { excludeConflicts?: boolean }): Promise<BoardSlates> {
  await assertBoardAccess(deps, actor, associationId, 'member');
  const { a, needs, gaps, ties } = await loadContext(deps, associationId);
  const pool = new Map<string, SlateCandidate & { alias: string; kind: string; id: string }>();
  for (const need of needs) {
    for (const c of await rankForNeed(deps, a, need, gaps, ties)) {
      if (options.excludeConflicts && c.conflicts.length > 0) continue;
      const key = `${c.kind}:${c.id}`;
      const seen = pool.get(key);
      if (!seen || seen.score < c.score) pool.set(key, { key, kind: c.kind, id: c.id, alias: aliasOf(a.id, c.kind, c.id), competencies: c.competencies, score: c.score });
    }
  }
  const candidates = [...pool.values()];
  const pair = bestSlate(candidates, gaps, 2);
  const trio = bestSlate(candidates, gaps, 3);
  const total = Object.values(gaps).reduce((s, w) => s + (w ?? 0), 0);
  const view = (r: typeof pair) =>
    r.slate && { members: r.slate.keys.map((k) => pool.get(k)!).map((m) => ({ kind: m.kind, id: m.id, alias: m.alias })), value: r.slate.value, covered: r.slate.covered };
  const method = candidates.length <= EXACT_POOL_LIMIT ? 'exhaustive' : 'greedy';
  return {
    poolSize: candidates.length,
    method,
    totalGapWeight: total,
    pair: view(pair),
    trio: view(trio),
    trioUpperBound: trio.upperBound,
    explanation:
      method === 'exhaustive'
        ? `Meilleures équipes exactes : les ${candidates.length} candidat·es ont été combiné·es de toutes les façons possibles.`
        : `Équipe choisie pas à pas parmi ${candidates.length} candidat·es ; aucune équipe de trois ne peut dépasser ${trio.upperBound?.toFixed(2)} sur ${total.toFixed(2)}.`,
  };
}
