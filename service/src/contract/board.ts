import { z } from 'zod';
import { IsoDate, Uuid, queryBoolean } from './common.ts';
import { BoardRoleCode, type SkillCode } from './vocabulary.ts';

/**
 * The competency families of a board, as governance brokers describe them. 'domaine' is the association's own
 * field: a candidate has it when they share one of its themes.
 */
export const BOARD_COMPETENCY_CODES = ['finance', 'juridique', 'rh', 'collecte', 'numerique', 'communication', 'gestion_projet', 'domaine'] as const;
export const BoardCompetency = z.enum(BOARD_COMPETENCY_CODES, { message: 'compétence de gouvernance inconnue' });
export type BoardCompetency = z.infer<typeof BoardCompetency>;

export const BOARD_COMPETENCY_LABELS: Record<BoardCompetency, string> = {
  finance: 'Finances et comptabilité',
  juridique: 'Juridique',
  rh: 'Ressources humaines',
  collecte: 'Collecte de fonds',
  numerique: 'Numérique',
  communication: 'Communication',
  gestion_projet: 'Gestion de projet et gouvernance',
  domaine: "Le domaine de l'association",
};

/** Which skills (vocabulary codes) give a board competency; 'domaine' comes from themes instead. */
export const BOARD_COMPETENCY_SKILLS: Record<Exclude<BoardCompetency, 'domaine'>, readonly SkillCode[]> = {
  finance: ['comptabilite', 'tresorerie', 'controle_gestion'],
  juridique: ['droit_associations', 'droit_travail', 'contrats'],
  rh: ['recrutement', 'paie', 'gestion_benevoles'],
  collecte: ['recherche_fonds', 'mecenat', 'evenementiel'],
  numerique: ['developpement_web', 'bureautique', 'donnees', 'accompagnement_numerique'],
  communication: ['reseaux_sociaux', 'redaction', 'graphisme', 'relations_presse', 'photo_video'],
  gestion_projet: ['gestion_projet', 'gouvernance', 'strategie'],
};

export const BoardMemberCreate = z.object({
  fullName: z.string().trim().min(1, 'nom requis').max(120),
  role: BoardRoleCode,
  competencies: z.array(BoardCompetency).max(8).default([]),
  mandateEnd: IsoDate.nullable().default(null),
  isKeyPerson: z.boolean().default(false),
  /** The member's account, when they have one and belong to the association on the platform. */
  userId: Uuid.nullable().default(null),
});
export type BoardMemberCreate = z.infer<typeof BoardMemberCreate>;

export const BoardMember = BoardMemberCreate.extend({ id: Uuid, associationId: Uuid });
export type BoardMember = z.infer<typeof BoardMember>;

export const WeightedCompetency = z.object({ code: BoardCompetency, weight: z.number().gt(0, 'poids > 0').max(1, 'poids ≤ 1') });
export type WeightedCompetency = z.infer<typeof WeightedCompetency>;

export const BoardNeedCreate = z.object({
  role: BoardRoleCode,
  description: z.string().max(2000).default(''),
  competencies: z
    .array(WeightedCompetency)
    .max(8)
    .refine((list) => new Set(list.map((c) => c.code)).size === list.length, 'une compétence est citée deux fois')
    .default([]),
  meetingsPerMonth: z.number().int().min(0).max(20).default(1),
  mandateYears: z.number().int().min(1).max(9).default(3),
  priority: z.number().int().min(1).max(3).default(2),
});
export type BoardNeedCreate = z.infer<typeof BoardNeedCreate>;

export const BoardNeed = BoardNeedCreate.extend({ id: Uuid, associationId: Uuid, status: z.enum(['open', 'filled', 'closed']) });
export type BoardNeed = z.infer<typeof BoardNeed>;

export const BoardTieCreate = z
  .object({
    kind: z.enum(['funder', 'supplier', 'partner', 'funded']),
    companyId: Uuid.optional(),
    otherAssociationId: Uuid.optional(),
  })
  .refine((t) => !t.companyId !== !t.otherAssociationId, { message: 'indiquer une entreprise ou une association (une seule)', path: ['companyId'] });
export type BoardTieCreate = z.infer<typeof BoardTieCreate>;

export const BoardTie = z.object({ id: Uuid, kind: z.string(), companyId: Uuid.nullable(), otherAssociationId: Uuid.nullable(), name: z.string() });
export type BoardTie = z.infer<typeof BoardTie>;

export const Board = z.object({ associationId: Uuid, members: z.array(BoardMember), needs: z.array(BoardNeed), ties: z.array(BoardTie) });
export type Board = z.infer<typeof Board>;

export const BoardParams = z.object({ id: Uuid });
export const BoardMemberParams = z.object({ id: Uuid, memberId: Uuid });
export const BoardNeedParams = z.object({ id: Uuid, needId: Uuid });

/** The skills matrix: members x competencies, with departures, vacant roles and the prioritised gaps. */
export const BoardMatrix = z.object({
  competencies: z.array(z.object({ code: BoardCompetency, label: z.string() })),
  rows: z.array(
    z.object({
      memberId: Uuid,
      fullName: z.string(),
      role: z.string(),
      mandateEnd: z.string().nullable(),
      isLeaving: z.boolean(),
      isKeyPerson: z.boolean(),
      cells: z.array(z.boolean()),
    }),
  ),
  coverage: z.array(z.object({ code: BoardCompetency, total: z.number(), staying: z.number() })),
  vacantRoles: z.array(z.object({ role: z.string(), reason: z.string() })),
  gaps: z.array(z.object({ code: BoardCompetency, weight: z.number(), reason: z.string() })),
  priorities: z.array(z.object({ kind: z.enum(['need', 'vacant_role', 'key_departure', 'competency']), label: z.string(), detail: z.string(), weight: z.number() })),
});
export type BoardMatrix = z.infer<typeof BoardMatrix>;

export const CandidateQuery = z.object({
  excludeConflicts: queryBoolean.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const ConflictFlag = z.object({ kind: z.enum(['employer_tie', 'board_tie']), detail: z.string() });
export type ConflictFlag = z.infer<typeof ConflictFlag>;

export const BoardCandidate = z.object({
  rank: z.number(),
  kind: z.enum(['citizen', 'company_offer']),
  /** The citizen profile id, or the RSE offer id for an employee lent by a company. */
  id: Uuid,
  /** Anonymised: no name until the candidate accepts contact. */
  alias: z.string(),
  competencies: z.array(BoardCompetency),
  score: z.number(),
  summary: z.string(),
  components: z.array(z.object({ key: z.string(), label: z.string(), detail: z.string(), value: z.number(), weight: z.number(), contribution: z.number() })),
  conflicts: z.array(ConflictFlag),
  contact: z.object({ id: Uuid, status: z.string() }).nullable(),
});
export type BoardCandidate = z.infer<typeof BoardCandidate>;

export const BoardCandidates = z.object({ weightsVersion: z.string(), needId: Uuid, excludedForConflict: z.number(), items: z.array(BoardCandidate) });
export type BoardCandidates = z.infer<typeof BoardCandidates>;

export const BoardSlate = z.object({ members: z.array(z.object({ kind: z.string(), id: Uuid, alias: z.string() })), value: z.number(), covered: z.array(BoardCompetency) });
export const BoardSlates = z.object({
  poolSize: z.number(),
  method: z.enum(['exhaustive', 'greedy']),
  totalGapWeight: z.number(),
  pair: BoardSlate.nullable(),
  trio: BoardSlate.nullable(),
  /** For the greedy method: no trio can exceed this value (see core/board/slates.ts). Equals trio.value when exact. */
  trioUpperBound: z.number().nullable(),
  explanation: z.string(),
});
export type BoardSlates = z.infer<typeof BoardSlates>;

export const BoardContactCreate = z.object({ citizenId: Uuid, needId: Uuid.optional(), message: z.string().max(2000).default('') });
export type BoardContactCreate = z.infer<typeof BoardContactCreate>;

export const BoardContact = z.object({
  id: Uuid,
  associationId: Uuid,
  associationName: z.string(),
  needId: Uuid.nullable(),
  role: z.string().nullable(),
  message: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  /** Revealed to the association only once the candidate accepted. */
  candidate: z.object({ citizenId: Uuid, alias: z.string(), firstName: z.string().nullable(), email: z.string().nullable() }),
});
export type BoardContact = z.infer<typeof BoardContact>;
export const BoardContacts = z.object({ items: z.array(BoardContact) });
