import { BOARD_COMPETENCY_CODES, type BoardCompetency } from '../../contract/board.ts';

/**
 * Slates: the pair or trio of candidates that together cover the most weighted gaps.
 *
 * value(S) = sum over gap competencies c of gap(c) when some member of S has c (weighted coverage). Ties are
 * broken by the sum of the members' individual scores, then by their keys, so the answer is deterministic.
 *
 * Small pools (n <= EXACT_POOL_LIMIT) are enumerated exhaustively: C(40, 3) = 9,880 trios, about 5 ms
 * measured. Beyond that the greedy slate is returned with an upper bound on the best value:
 * weighted coverage is monotone submodular, so for every greedy prefix G_i,
 *   OPT_k <= value(G_i) + (sum of the k largest marginal gains over G_i)      (Nemhauser-Wolsey-Fisher 1978)
 * and the bound reported is the smallest of these, capped by the total gap weight. Greedy itself is within
 * 1 - (1 - 1/k)^k of OPT (0.70 for a trio).
 */
export const EXACT_POOL_LIMIT = 40;

export type SlateCandidate = { key: string; competencies: readonly BoardCompetency[]; score: number };
export type Slate = { keys: string[]; value: number; tieBreak: number; covered: BoardCompetency[] };
export type SlateResult = { method: 'exhaustive' | 'greedy'; slate: Slate | null; upperBound: number | null };

type Gaps = Partial<Record<BoardCompetency, number>>;

/** Weighted coverage of a set of candidates. */
export function slateValue(members: readonly SlateCandidate[], gaps: Gaps): number {
  const covered = new Set(members.flatMap((m) => m.competencies));
  let v = 0;
  for (const [c, w] of Object.entries(gaps) as [BoardCompetency, number][]) if (covered.has(c)) v += w;
  return v;
}

function slateOf(members: readonly SlateCandidate[], gaps: Gaps): Slate {
  const covered = [...new Set(members.flatMap((m) => m.competencies))].filter((c) => (gaps[c] ?? 0) > 0);
  return { keys: members.map((m) => m.key), value: slateValue(members, gaps), tieBreak: members.reduce((s, m) => s + m.score, 0), covered };
}

const EPS = 1e-9;
/** True when a is a better slate than b (value, then individual scores, then keys). */
export function isBetter(a: Slate, b: Slate | null): boolean {
  if (!b) return true;
  if (Math.abs(a.value - b.value) > EPS) return a.value > b.value;
  if (Math.abs(a.tieBreak - b.tieBreak) > EPS) return a.tieBreak > b.tieBreak;
  return a.keys.join('|') < b.keys.join('|');
}

/** Competency sets as bitmasks over BOARD_COMPETENCY_CODES, and the value of each of the 256 unions. */
function maskTables(pool: readonly SlateCandidate[], gaps: Gaps) {
  const masks = pool.map((c) => c.competencies.reduce((m, code) => m | (1 << BOARD_COMPETENCY_CODES.indexOf(code)), 0));
  const values = new Float64Array(1 << BOARD_COMPETENCY_CODES.length);
  for (let m = 0; m < values.length; m++) {
    let v = 0;
    for (let b = 0; b < BOARD_COMPETENCY_CODES.length; b++) if (m & (1 << b)) v += gaps[BOARD_COMPETENCY_CODES[b]] ?? 0;
    values[m] = v;
  }
  return { masks, values };
}

/**
 * Every subset of `size` members, best kept (value, then score sum, then keys). Unions of bitmasks and a
 * 256-entry value table keep the 9,880 trios of a 40-candidate pool to a few milliseconds.
 */
export function exhaustiveSlate(pool: readonly SlateCandidate[], gaps: Gaps, size: 2 | 3): Slate | null {
  const n = pool.length;
  if (n < size) return null;
  const { masks, values } = maskTables(pool, gaps);
  let best: Slate | null = null;
  const consider = (members: SlateCandidate[], value: number) => {
    if (best && value < best.value - EPS) return;
    const s = slateOf(members, gaps);
    if (isBetter(s, best)) best = s;
  };
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const ij = masks[i] | masks[j];
      if (size === 2) {
        consider([pool[i], pool[j]], values[ij]);
        continue;
      }
      for (let k = j + 1; k < n; k++) consider([pool[i], pool[j], pool[k]], values[ij | masks[k]]);
    }
  return best;
}

/** Greedy by marginal weighted coverage (ties by score), with the submodular upper bound described above. */
export function greedySlate(pool: readonly SlateCandidate[], gaps: Gaps, size: 2 | 3): { slate: Slate | null; upperBound: number } {
  const total = Object.values(gaps).reduce((s, w) => s + (w ?? 0), 0);
  if (pool.length < size) return { slate: null, upperBound: 0 };
  const chosen: SlateCandidate[] = [];
  let bound = total;
  for (let step = 0; step < size; step++) {
    const base = slateValue(chosen, gaps);
    const gains = pool.filter((c) => !chosen.includes(c)).map((c) => ({ c, gain: slateValue([...chosen, c], gaps) - base }));
    const topK = gains.map((g) => g.gain).sort((a, b) => b - a).slice(0, size).reduce((s, g) => s + g, 0);
    bound = Math.min(bound, base + topK);
    gains.sort((a, b) => b.gain - a.gain || b.c.score - a.c.score || (a.c.key < b.c.key ? -1 : 1));
    chosen.push(gains[0].c);
  }
  const slate = slateOf(chosen, gaps);
  return { slate, upperBound: Math.max(bound, slate.value) };
}

/** The best slate of `size`: exact on small pools, greedy with a stated bound otherwise. */
export function bestSlate(pool: readonly SlateCandidate[], gaps: Gaps, size: 2 | 3, exactLimit = EXACT_POOL_LIMIT): SlateResult {
  if (pool.length < size) return { method: 'exhaustive', slate: null, upperBound: null };
  if (pool.length <= exactLimit) {
    const slate = exhaustiveSlate(pool, gaps, size);
    return { method: 'exhaustive', slate, upperBound: slate?.value ?? null };
  }
  const { slate, upperBound } = greedySlate(pool, gaps, size);
  return { method: 'greedy', slate, upperBound };
}
