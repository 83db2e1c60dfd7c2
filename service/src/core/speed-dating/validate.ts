/**
 * Input validation for speed-dating sessions: zod for shapes, then the cross-field rules zod cannot see.
 * Every problem is collected (not only the first) and thrown as one Invalid with field issues.
 */
import { SessionInput } from '../../contract/speed-dating.ts';
import { Invalid, type FieldIssue } from '../errors.ts';

/** Parses and checks a session; throws Invalid listing every issue. */
export function parseSessionInput(raw: unknown): SessionInput {
  const parsed = SessionInput.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new Invalid('Session de speed-dating invalide.', issues);
  }
  const input = parsed.data;
  const issues = checkSession(input);
  if (issues.length > 0) throw new Invalid('Session de speed-dating invalide.', issues);
  return input;
}

function checkSession(input: SessionInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const side = new Map<string, 'association' | 'company'>();
  const windowOf = new Map<string, [number, number]>();
  for (const [key, kind] of [
    ['associations', 'association'],
    ['companies', 'company'],
  ] as const) {
    input[key].forEach((p, i) => {
      const path = `${key}.${i}.id`;
      const seen = side.get(p.id);
      if (seen === kind) issues.push({ path, message: `identifiant en double : ${p.id}` });
      else if (seen) issues.push({ path, message: `${p.id} est à la fois association et entreprise` });
      side.set(p.id, kind);
      const first = p.firstRound ?? 1;
      const last = p.lastRound ?? input.rounds;
      if (last > input.rounds) issues.push({ path: `${key}.${i}.lastRound`, message: `au-delà de la dernière ronde (${input.rounds})` });
      if (first > last) issues.push({ path: `${key}.${i}.firstRound`, message: 'première ronde après la dernière' });
      windowOf.set(p.id, [first, last]);
    });
  }

  // Decision: a table that can never be used is an organiser mistake, so we reject it rather than
  // silently ignore it. At most min(#associations, #companies) meetings can happen in one round.
  const maxTables = Math.min(input.associations.length, input.companies.length);
  if (input.tables.length > maxTables) {
    issues.push({ path: 'tables', message: `plus de tables (${input.tables.length}) que de rencontres simultanées possibles (${maxTables})` });
  }
  const tableNames = new Set<string>();
  input.tables.forEach((t, i) => {
    if (tableNames.has(t)) issues.push({ path: `tables.${i}`, message: `table en double : ${t}` });
    tableNames.add(t);
  });

  const isPair = (a: string, c: string) => side.get(a) === 'association' && side.get(c) === 'company';
  const declined = new Set<string>();
  const stated = new Set<string>();
  input.preferences.forEach((p, i) => {
    const path = `preferences.${i}`;
    if (!side.has(p.from)) issues.push({ path: `${path}.from`, message: `participant inconnu : ${p.from}` });
    if (!side.has(p.to)) issues.push({ path: `${path}.to`, message: `participant inconnu : ${p.to}` });
    if (side.has(p.from) && side.get(p.from) === side.get(p.to)) {
      issues.push({ path, message: 'une préférence porte sur un participant de l’autre côté' });
    }
    const key = `${p.from}\u0000${p.to}`;
    if (stated.has(key)) issues.push({ path, message: `préférence en double de ${p.from} sur ${p.to}` });
    stated.add(key);
    if (p.level === 'no') declined.add([p.from, p.to].sort().join('\u0000'));
  });
  const fitted = new Set<string>();
  input.fits.forEach((f, i) => {
    if (!isPair(f.associationId, f.companyId)) issues.push({ path: `fits.${i}`, message: 'paire association/entreprise inconnue' });
    const key = `${f.associationId}\u0000${f.companyId}`;
    if (fitted.has(key)) issues.push({ path: `fits.${i}`, message: 'score en double pour cette paire' });
    fitted.add(key);
  });
  issues.push(...checkLocks(input, isPair, declined, windowOf, tableNames));
  return issues;
}

function checkLocks(
  input: SessionInput,
  isPair: (a: string, c: string) => boolean,
  declined: Set<string>,
  windowOf: Map<string, [number, number]>,
  tableNames: Set<string>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const busy = new Set<string>();
  const pairs = new Set<string>();
  const perRound = new Map<number, number>();
  input.locks.forEach((l, i) => {
    const path = `locks.${i}`;
    if (!isPair(l.associationId, l.companyId)) {
      issues.push({ path, message: 'paire association/entreprise inconnue' });
      return;
    }
    if (l.round > input.rounds) issues.push({ path: `${path}.round`, message: `ronde inexistante (${input.rounds} rondes)` });
    if (l.table !== undefined && !tableNames.has(l.table)) issues.push({ path: `${path}.table`, message: `table inconnue : ${l.table}` });
    if (declined.has([l.associationId, l.companyId].sort().join('\u0000'))) {
      issues.push({ path, message: 'rencontre verrouillée alors qu’un des deux a dit « non merci »' });
    }
    const pairKey = `${l.associationId}\u0000${l.companyId}`;
    if (pairs.has(pairKey)) issues.push({ path, message: 'la même paire est verrouillée deux fois' });
    pairs.add(pairKey);
    for (const id of [l.associationId, l.companyId]) {
      const [first, last] = windowOf.get(id)!;
      if (l.round < first || l.round > last) issues.push({ path: `${path}.round`, message: `${id} est absent à la ronde ${l.round}` });
      const key = `${id}@${l.round}`;
      if (busy.has(key)) issues.push({ path, message: `${id} a deux rencontres verrouillées à la ronde ${l.round}` });
      busy.add(key);
    }
    if (l.table !== undefined) {
      const key = `table:${l.table}@${l.round}`;
      if (busy.has(key)) issues.push({ path: `${path}.table`, message: `table ${l.table} déjà prise à la ronde ${l.round}` });
      busy.add(key);
    }
    perRound.set(l.round, (perRound.get(l.round) ?? 0) + 1);
  });
  for (const [round, count] of perRound) {
    if (count > input.tables.length) issues.push({ path: 'locks', message: `${count} rencontres verrouillées à la ronde ${round} pour ${input.tables.length} tables` });
  }
  return issues;
}
