/**
 * On the day: some participants did not come (or left). Rounds before `fromRound` are kept exactly as they
 * happened; rounds from `fromRound` on are re-solved with the same exact/bounded machinery as solveSchedule.
 * Few changes: every meeting of the previous plan that survives earns `keepBonus` in the objective (so the
 * optimum prefers it among equals), and rounds are coloured starting from the previous plan, moving a
 * meeting only when an alternating-path swap or a table cap requires it. The result reports the changes.
 */
import { ReplanEvent, Schedule, type SessionInputDraft } from '../../contract/speed-dating.ts';
import { Invalid, type FieldIssue } from '../errors.ts';
import { buildModel } from './model.ts';
import { solveModel, type SolveDeps } from './solve.ts';
import { parseSessionInput } from './validate.ts';

/** Re-plans the rounds from `event.fromRound` after no-shows, earlier rounds fixed; reports the changes. */
export function replan(
  raw: SessionInputDraft,
  previous: Schedule,
  rawEvent: { fromRound: number; noShows?: string[] },
  deps: SolveDeps = {},
): Schedule {
  const input = parseSessionInput(raw);
  const parsedEvent = ReplanEvent.safeParse(rawEvent);
  const parsedPrevious = Schedule.safeParse(previous);
  const issues: FieldIssue[] = [];
  if (!parsedEvent.success) issues.push(...parsedEvent.error.issues.map((i) => ({ path: `event.${i.path.join('.')}`, message: i.message })));
  if (!parsedPrevious.success) issues.push({ path: 'previous', message: 'planning précédent illisible' });
  if (issues.length > 0) throw new Invalid('Re-planification impossible.', issues);
  const event = parsedEvent.data!;
  const ids = new Set([...input.associations, ...input.companies].map((p) => p.id));
  const tables = new Set(input.tables);
  if (event.fromRound > input.rounds) issues.push({ path: 'event.fromRound', message: `ronde inexistante (${input.rounds} rondes)` });
  event.noShows.forEach((id, i) => ids.has(id) || issues.push({ path: `event.noShows.${i}`, message: `participant inconnu : ${id}` }));
  if (previous.sessionId !== input.sessionId) issues.push({ path: 'previous.sessionId', message: 'planning d’une autre session' });
  previous.meetings.forEach((x, i) => {
    if (!ids.has(x.associationId) || !ids.has(x.companyId) || !tables.has(x.table) || x.round > input.rounds) {
      issues.push({ path: `previous.meetings.${i}`, message: 'rencontre qui ne correspond pas à la session' });
    }
  });
  if (issues.length > 0) throw new Invalid('Re-planification impossible.', issues);

  const noShows = new Set(event.noShows);
  const past = previous.meetings.filter((x) => x.round < event.fromRound);
  const future = previous.meetings.filter((x) => x.round >= event.fromRound);
  const planned = future.filter((x) => !noShows.has(x.associationId) && !noShows.has(x.companyId));
  const model = buildModel(input, { horizonStart: event.fromRound, past, planned, noShows });
  const schedule = solveModel(model, deps);

  const key = (x: { associationId: string; companyId: string }) => `${x.associationId}\u0000${x.companyId}`;
  const before = new Map(future.map((x) => [key(x), x]));
  const after = new Map(schedule.meetings.filter((x) => x.round >= event.fromRound).map((x) => [key(x), x]));
  let removed = 0;
  let moved = 0;
  for (const [k, x] of before) {
    const y = after.get(k);
    if (!y) removed++;
    else if (y.round !== x.round) moved++;
  }
  let added = 0;
  for (const k of after.keys()) if (!before.has(k)) added++;
  return { ...schedule, changes: { removed, added, moved, total: removed + added + moved, fromRound: event.fromRound } };
}
