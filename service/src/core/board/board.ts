import type { Board, BoardMatrix, BoardMember, BoardMemberCreate, BoardNeed, BoardNeedCreate, BoardTieCreate, BoardCompetency } from '../../contract/board.ts';
import { assertCanActForAssociation, type Actor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import * as q from './board.sql.ts';
import { analyseBoard } from './matrix.ts';

type Deps = Pick<CoreDeps, 'sql'>;

const toMember = (r: q.BoardMemberRow): BoardMember => ({
  id: r.id,
  associationId: r.association_id,
  fullName: r.full_name,
  role: r.role as BoardMember['role'],
  competencies: r.competencies as BoardCompetency[],
  mandateEnd: r.mandate_end,
  isKeyPerson: r.is_key_person,
  userId: r.user_id,
});
const toNeed = (r: q.BoardNeedRow): BoardNeed => ({
  id: r.id,
  associationId: r.association_id,
  role: r.role as BoardNeed['role'],
  description: r.description,
  competencies: r.competencies,
  meetingsPerMonth: r.meetings_per_month,
  mandateYears: r.mandate_years,
  priority: r.priority,
  status: r.status,
});

/** Checks the caller acts for the association (admins for writes), then that it exists. */
export async function assertBoardAccess(deps: Deps, actor: Actor, associationId: string, role: 'member' | 'admin') {
  const user = assertCanActForAssociation(actor, associationId, role);
  if (!(await q.selectAssociationExists(deps.sql, associationId))) throw new NotFound('Association introuvable.');
  return user;
}

/** The board as the association described it: members, roles to fill and declared ties (members only). */
export async function getBoard(deps: Deps, actor: Actor, associationId: string): Promise<Board> {
  await assertBoardAccess(deps, actor, associationId, 'member');
  const [members, needs, ties] = await Promise.all([
    q.selectBoardMembers(deps.sql, associationId),
    q.selectBoardNeeds(deps.sql, associationId, false),
    q.selectTies(deps.sql, associationId),
  ]);
  return {
    associationId,
    members: members.map(toMember),
    needs: needs.map(toNeed),
    ties: ties.map((t) => ({ id: t.id, kind: t.kind, companyId: t.company_id, otherAssociationId: t.other_association_id, name: t.name })),
  };
}

/** Adds a board member (association admins). */
export async function addBoardMember(deps: Deps, actor: Actor, associationId: string, input: BoardMemberCreate): Promise<BoardMember> {
  await assertBoardAccess(deps, actor, associationId, 'admin');
  // Linking an account is limited to the association's own members: a seat is not pinned on a stranger's profile.
  if (input.userId && !(await q.selectIsAssociationMember(deps.sql, associationId, input.userId))) {
    throw new Invalid('Ce compte n’est pas membre de l’association sur la plateforme.', [{ path: 'body.userId', message: 'compte non membre de l’association' }]);
  }
  const id = await q.insertBoardMember(deps.sql, associationId, input);
  return { id, associationId, ...input };
}

/** Removes a board member (association admins). */
export async function removeBoardMember(deps: Deps, actor: Actor, associationId: string, memberId: string): Promise<void> {
  await assertBoardAccess(deps, actor, associationId, 'admin');
  if (!(await q.deleteBoardMember(deps.sql, associationId, memberId))) throw new NotFound('Membre du conseil introuvable.');
}

/** Declares a role to fill, with the competencies it needs and the time it asks (association admins). */
export async function addBoardNeed(deps: Deps, actor: Actor, associationId: string, input: BoardNeedCreate): Promise<BoardNeed> {
  await assertBoardAccess(deps, actor, associationId, 'admin');
  const id = await q.insertBoardNeed(deps.sql, associationId, input);
  return { id, associationId, status: 'open', ...input };
}

/** Marks a role filled or withdrawn (association admins). */
export async function closeBoardNeed(deps: Deps, actor: Actor, associationId: string, needId: string, status: 'filled' | 'closed'): Promise<BoardNeed> {
  await assertBoardAccess(deps, actor, associationId, 'admin');
  const need = await q.selectBoardNeed(deps.sql, associationId, needId);
  if (!need) throw new NotFound('Poste introuvable.');
  if (!(await q.updateBoardNeedStatus(deps.sql, associationId, needId, status))) throw new Conflict('Ce poste est déjà clos.');
  return toNeed({ ...need, status });
}

/** Declares a funder, supplier, partner or funded association: the source of conflict-of-interest flags. */
export async function declareBoardTie(deps: Deps, actor: Actor, associationId: string, input: BoardTieCreate) {
  await assertBoardAccess(deps, actor, associationId, 'admin');
  const tie = { kind: input.kind, companyId: input.companyId ?? null, otherAssociationId: input.otherAssociationId ?? null };
  if (tie.otherAssociationId === associationId) throw new Conflict("Une association ne peut pas se déclarer liée à elle-même.");
  if (!(await q.selectOrganisationExists(deps.sql, tie))) throw new NotFound(tie.companyId ? 'Entreprise introuvable.' : 'Association introuvable.');
  const id = await q.insertTie(deps.sql, associationId, tie);
  if (!id) throw new Conflict('Ce lien est déjà déclaré.');
  return { id, ...tie };
}

/** Members, open needs and their gap analysis (no access check: callers check it). */
export async function loadBoardAnalysis(deps: Deps, associationId: string, today = new Date()) {
  const [members, needs] = await Promise.all([q.selectBoardMembers(deps.sql, associationId), q.selectBoardNeeds(deps.sql, associationId, true)]);
  const matrix = analyseBoard(
    members.map((m) => ({ id: m.id, fullName: m.full_name, role: m.role, competencies: m.competencies as BoardCompetency[], mandateEnd: m.mandate_end, isKeyPerson: m.is_key_person })),
    needs.map((n) => ({ id: n.id, role: n.role, competencies: n.competencies, priority: n.priority })),
    today,
  );
  return { members, needs, matrix };
}

/** The skills matrix and the prioritised gaps of the board (members only). */
export async function getBoardMatrix(deps: Deps, actor: Actor, associationId: string): Promise<BoardMatrix> {
  await assertBoardAccess(deps, actor, associationId, 'member');
  return (await loadBoardAnalysis(deps, associationId)).matrix;
}
