/**
 * Bipartite edge colouring: colours are rounds. König: a bipartite graph of maximum degree <= R has a
 * proper R-edge-colouring, found edge by edge with alternating-path (Kempe chain) swaps. de Werra: the
 * colour classes can then be balanced so every class has floor(E/R) or ceil(E/R) edges, by swapping
 * colours along an alternating path that has one more edge of the large class. With E <= R*T this
 * guarantees at most T meetings per round, i.e. the flow optimum is always schedulable (gap 0).
 */

export type ColourEdge = { left: number; right: number };

export type ColourOptions = {
  /** Existing proper partial colouring to extend (e.g. the previous plan when re-planning); -1 = none. */
  precolour?: ArrayLike<number>;
  /** 'equitable' balances all classes (de Werra); 'cap' only fixes classes larger than `maxPerColour`,
   *  moving as few edges as it can (used when re-planning). */
  balance: 'equitable' | 'cap';
  maxPerColour: number;
};

/** Returns colour (0..colours-1) per edge. Requires max degree <= colours; throws otherwise (a bug upstream). */
export function colourBipartite(
  leftCount: number,
  rightCount: number,
  edges: readonly ColourEdge[],
  colours: number,
  options: ColourOptions,
): Int32Array {
  const nodes = leftCount + rightCount;
  const at = new Int32Array(nodes * colours).fill(-1);
  const colourOf = new Int32Array(edges.length).fill(-1);
  const ends = (k: number): [number, number] => [edges[k].left, leftCount + edges[k].right];
  const set = (k: number, c: number) => {
    const [u, v] = ends(k);
    colourOf[k] = c;
    at[u * colours + c] = k;
    at[v * colours + c] = k;
  };
  const unset = (k: number) => {
    const [u, v] = ends(k);
    const c = colourOf[k];
    at[u * colours + c] = -1;
    at[v * colours + c] = -1;
    colourOf[k] = -1;
  };
  const freeAt = (x: number): number => {
    for (let c = 0; c < colours; c++) if (at[x * colours + c] === -1) return c;
    throw new Error('colouring: degree exceeds the number of rounds');
  };
  const other = (k: number, x: number) => {
    const [u, v] = ends(k);
    return x === u ? v : u;
  };
  /** Edges of the maximal path from x that alternates colours first, second, first... */
  const alternatingPath = (x: number, first: number, second: number): number[] => {
    const path: number[] = [];
    let node = x;
    let c = first;
    for (;;) {
      const k = at[node * colours + c];
      if (k === -1) return path;
      path.push(k);
      node = other(k, node);
      c = c === first ? second : first;
    }
  };
  const swap = (path: number[], a: number, b: number) => {
    const old = path.map((k) => colourOf[k]);
    path.forEach(unset);
    path.forEach((k, i) => set(k, old[i] === a ? b : a));
  };

  const pre = options.precolour;
  if (pre) for (let k = 0; k < edges.length; k++) if (pre[k] >= 0) set(k, pre[k]);
  for (let k = 0; k < edges.length; k++) {
    if (colourOf[k] !== -1) continue;
    const [u, v] = ends(k);
    const alpha = freeAt(u);
    if (at[v * colours + alpha] !== -1) {
      const beta = freeAt(v);
      // The alpha/beta chain from v cannot reach u (parity in a bipartite graph), so after the swap
      // alpha is free at both ends.
      swap(alternatingPath(v, alpha, beta), alpha, beta);
    }
    set(k, alpha);
  }
  balance(edges.length, colours, colourOf, at, ends, alternatingPath, swap, options);
  return colourOf;
}

function balance(
  edgeCount: number,
  colours: number,
  colourOf: Int32Array,
  at: Int32Array,
  ends: (k: number) => [number, number],
  alternatingPath: (x: number, first: number, second: number) => number[],
  swap: (path: number[], a: number, b: number) => void,
  options: ColourOptions,
) {
  const size = new Int32Array(colours);
  for (let k = 0; k < edgeCount; k++) size[colourOf[k]]++;
  for (;;) {
    let big = 0;
    let small = 0;
    for (let c = 1; c < colours; c++) {
      if (size[c] > size[big]) big = c;
      if (size[c] < size[small]) small = c;
    }
    const done = options.balance === 'equitable' ? size[big] - size[small] <= 1 : size[big] <= options.maxPerColour;
    if (done || size[big] - size[small] <= 1) return;
    // Components of classes big+small are alternating paths/even cycles; one path starts and ends
    // with a `big` edge. Its endpoints carry `big` but not `small`. Shortest such path moves fewest meetings.
    let best: number[] | null = null;
    for (let k = 0; k < edgeCount; k++) {
      if (colourOf[k] !== big) continue;
      for (const x of ends(k)) {
        if (at[x * colours + small] !== -1) continue;
        const path = alternatingPath(x, big, small);
        if (path.length % 2 === 1 && (best === null || path.length < best.length)) best = path;
      }
      // Equitable mode takes the first path (speed); cap mode looks for the one moving fewest meetings.
      if (best && (best.length === 1 || options.balance === 'equitable')) break;
    }
    if (!best) throw new Error('colouring: no balancing path (impossible by de Werra)');
    swap(best, big, small);
    size[big]--;
    size[small]++;
  }
}
