import type { SkillCode, ThemeCode } from '../../contract/vocabulary.ts';

/**
 * When a mission happens, as a family of availability masks; citizens' availability is drawn from the same
 * families so that the masks overlap as often as they would in real life.
 */
export type ScheduleKind =
  | 'weekday_morning'
  | 'weekday_afternoon'
  | 'weekday_evening'
  | 'after_school'
  | 'saturday'
  | 'weekend'
  | 'flexible'
  | 'event';

/**
 * One kind of volunteering, with everything the generators need to write about it coherently: the tags a
 * mission carries, the words its text uses, how an association states its purpose and how a citizen wishes
 * for it. Slots in braces are filled by the generators: {commune}, {quartier}, {public}, {n}.
 */
export type Activity = {
  code: string;
  /** Relative frequency among associations. */
  weight: number;
  themes: readonly ThemeCode[];
  /** Every mission of this activity carries these skills. */
  skills: readonly SkillCode[];
  /** At most one of these may be added to a mission, and is then asked for in its text. */
  extraSkills?: readonly SkillCode[];
  schedules: readonly ScheduleKind[];
  /** Share of missions done from home. */
  remoteShare: number;
  /** Share of missions reserved to adults (min_age 18). */
  adultsOnlyShare: number;
  /** Empty for support roles (website, accounts, communication) that any association may post. */
  associationNames: readonly string[];
  /** The statutory purpose, completing "L'association a pour objet de …". */
  purposes: readonly string[];
  /** What the association does, completing "{association} …" at the start of a mission. */
  contexts: readonly string[];
  publics: readonly string[];
  titles: readonly string[];
  /** Infinitive phrases: "accueillir les familles". */
  tasks: readonly string[];
  /** A sentence on what is required, if anything specific. */
  requirements?: readonly string[];
  /** A citizen's wish, completing "j'aimerais …". */
  wishes: readonly string[];
  /** Every mission text and every wish about this activity matches this (the tests check it). */
  mentions: RegExp;
};
