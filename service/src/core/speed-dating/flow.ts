/**
 * Maximum-weight degree-constrained bipartite subgraph, solved exactly as a min-cost flow.
 *
 * Network: S -> left i -> right j -> T -> Z, with
 *   S -> i: `minimum[i]` units at cost -bonus, then `capacity[i] - minimum[i]` units at cost 0
 *   i -> j: 1 unit at cost -weight (each pair at most once)
 *   j -> T: like S -> i
 *   T -> Z: `totalCapacity` units (tables x rounds)
 * The "minimum" arcs make each participant's reward concave in its degree (bonus for the first
 * `minimum` meetings, nothing after), which is exactly what a flow with convex costs represents.
 *
 * Successive shortest paths (Dijkstra on reduced costs, Johnson potentials) yields a min-cost flow for
 * every flow value k; cost(k) is convex in k, so stopping at the first path with non-negative cost
 * gives the global optimum over all flow values. Integral capacities => integral optimal flow, i.e.
 * a subgraph. O(F * E log V) with F <= totalCapacity augmentations.
 *
 * Pair arcs are stored apart from the few participant arcs: a right node scans only its chosen pairs
 * (at most its capacity) instead of every residual arc, which halves the work of each Dijkstra.
 */
import { MinHeap } from './min-heap.ts';

export type FlowEdge = { left: number; right: number; weight: number };

export type FlowProblem = {
  leftCount: number;
  rightCount: number;
  /** Per node (left nodes first, then right nodes): maximum degree. */
  capacity: ArrayLike<number>;
  /** Per node: number of meetings rewarded with `minimumBonus` (<= capacity). */
  minimum: ArrayLike<number>;
  minimumBonus: number;
  totalCapacity: number;
  edges: readonly FlowEdge[];
};

export type FlowResult = {
  /** chosen[k] = 1 when edges[k] is in the optimal subgraph. */
  chosen: Uint8Array;
  /** Sum of chosen weights + minimumBonus * sum over nodes of min(degree, minimum). */
  value: number;
  augmentations: number;
  /** Dijkstra runs; each is followed by every augmentation of the same (shortest) cost. */
  phases: number;
};

/** Residual network: participant arcs in a forward-star list, pair arcs in per-side lists. */
type Network = {
  nL: number;
  head: Int32Array;
  next: Int32Array;
  to: Int32Array;
  cap: Int32Array;
  cost: Float64Array;
  count: number;
  /** CSR of pair ids by left node. */
  leftStart: Int32Array;
  leftPairs: Int32Array;
  /** Chosen pair ids by right node (capacity + 1 slots each), with each pair's slot. */
  rightStart: Int32Array;
  rightCount: Int32Array;
  rightPairs: Int32Array;
  slotOf: Int32Array;
  pairLeft: Int32Array;
  pairRight: Int32Array;
  pairCost: Float64Array;
  flow: Uint8Array;
};

function addArc(g: Network, from: number, to: number, cap: number, cost: number) {
  for (const [u, v, c, w] of [
    [from, to, cap, cost],
    [to, from, 0, -cost],
  ]) {
    const k = g.count++;
    g.to[k] = v;
    g.cap[k] = c;
    g.cost[k] = w;
    g.next[k] = g.head[u];
    g.head[u] = k;
  }
}

function buildNetwork(p: FlowProblem): Network {
  const nL = p.leftCount;
  const nR = p.rightCount;
  const nodes = nL + nR + 3;
  const arcs = 2 * (2 * (nL + nR) + 1);
  const E = p.edges.length;
  const g: Network = {
    nL,
    head: new Int32Array(nodes).fill(-1),
    next: new Int32Array(arcs),
    to: new Int32Array(arcs),
    cap: new Int32Array(arcs),
    cost: new Float64Array(arcs),
    count: 0,
    leftStart: new Int32Array(nL + 1),
    leftPairs: new Int32Array(E),
    rightStart: new Int32Array(nR + 1),
    rightCount: new Int32Array(nR),
    rightPairs: new Int32Array(0),
    slotOf: new Int32Array(E).fill(-1),
    pairLeft: new Int32Array(E),
    pairRight: new Int32Array(E),
    pairCost: new Float64Array(E),
    flow: new Uint8Array(E),
  };
  const S = 0;
  const T = 1 + nL + nR;
  for (let i = 0; i < nL + nR; i++) {
    const cap = Math.max(0, p.capacity[i]);
    const min = Math.min(cap, Math.max(0, p.minimum[i]));
    const [from, to] = i < nL ? [S, 1 + i] : [1 + i, T];
    if (min > 0) addArc(g, from, to, min, -p.minimumBonus);
    if (cap - min > 0) addArc(g, from, to, cap - min, 0);
  }
  addArc(g, T, T + 1, Math.max(0, p.totalCapacity), 0);
  for (const e of p.edges) g.leftStart[e.left + 1]++;
  for (let i = 0; i < nL; i++) g.leftStart[i + 1] += g.leftStart[i];
  const fill = g.leftStart.slice(0, nL);
  p.edges.forEach((e, k) => {
    g.leftPairs[fill[e.left]++] = k;
    g.pairLeft[k] = 1 + e.left;
    g.pairRight[k] = 1 + nL + e.right;
    g.pairCost[k] = -e.weight;
  });
  // One spare slot: a path through a full right node adds its new pair before removing the old one.
  for (let j = 0; j < nR; j++) g.rightStart[j + 1] = g.rightStart[j] + Math.max(0, p.capacity[nL + j]) + 1;
  g.rightPairs = new Int32Array(g.rightStart[nR]);
  return g;
}

function setFlow(g: Network, k: number, on: boolean) {
  const j = g.pairRight[k] - 1 - g.nL;
  g.flow[k] = on ? 1 : 0;
  if (on) {
    const slot = g.rightStart[j] + g.rightCount[j]++;
    g.rightPairs[slot] = k;
    g.slotOf[k] = slot;
  } else {
    const last = g.rightStart[j] + --g.rightCount[j];
    const moved = g.rightPairs[last];
    g.rightPairs[g.slotOf[k]] = moved;
    g.slotOf[moved] = g.slotOf[k];
    g.slotOf[k] = -1;
  }
}

/**
 * Calls visit(v, cost, code) for every residual arc out of u: code >= 0 is a participant arc id,
 * code < 0 is pair -(code + 1), forward from a left node or backward from a right node.
 */
function forEachArc(g: Network, u: number, visit: (v: number, cost: number, code: number) => boolean | void): boolean {
  for (let a = g.head[u]; a !== -1; a = g.next[a]) if (g.cap[a] > 0 && visit(g.to[a], g.cost[a], a)) return true;
  if (u >= 1 && u <= g.nL) {
    for (let x = g.leftStart[u - 1]; x < g.leftStart[u]; x++) {
      const k = g.leftPairs[x];
      if (g.flow[k] === 0 && visit(g.pairRight[k], g.pairCost[k], -(k + 1))) return true;
    }
  } else if (u > g.nL && u <= g.nL + g.rightCount.length) {
    const j = u - 1 - g.nL;
    for (let x = g.rightStart[j], end = x + g.rightCount[j]; x < end; x++) {
      const k = g.rightPairs[x];
      if (visit(g.pairLeft[k], -g.pairCost[k], -(k + 1))) return true;
    }
  }
  return false;
}

/** Solves the subgraph problem exactly; deterministic for a given edge order. */
export function solveDegreeConstrainedSubgraph(p: FlowProblem): FlowResult {
  const g = buildNetwork(p);
  const nodes = p.leftCount + p.rightCount + 3;
  const S = 0;
  const Z = nodes - 1;
  const pot = initialPotentials(g, nodes);
  const dist = new Float64Array(nodes);
  const done = new Uint8Array(nodes);
  const heap = new MinHeap(nodes);
  const search = { stamp: new Int32Array(nodes), mark: 0, path: new Int32Array(nodes) };
  let value = 0;
  let augmentations = 0;
  let phases = 0;
  for (;;) {
    dist.fill(Infinity);
    done.fill(0);
    heap.clear();
    dist[S] = 0;
    heap.push(S, 0);
    while (heap.size > 0) {
      const d = heap.topKey();
      const u = heap.pop();
      if (done[u]) continue;
      done[u] = 1;
      // Early exit: nodes farther than Z cannot shorten the path; potentials below stay valid.
      if (u === Z) break;
      const base = d + pot[u];
      forEachArc(g, u, (v, cost) => {
        const nd = base + cost - pot[v];
        if (nd < dist[v]) {
          dist[v] = nd;
          heap.push(v, nd);
        }
      });
    }
    if (dist[Z] === Infinity) break;
    const pathCost = dist[Z] + pot[Z] - pot[S];
    // Marginal gain no longer positive: by convexity of cost(k), no larger flow can be better.
    if (pathCost >= 0) break;
    phases++;
    // Settled nodes move by dist - dist[Z], the others stay: reduced costs remain >= 0.
    for (let v = 0; v < nodes; v++) if (done[v]) pot[v] += dist[v] - dist[Z];
    // Every path made of zero-reduced-cost arcs now costs exactly pathCost (ties are common: weights
    // come from a few preference levels and 2-decimal fits), so augment along all of them before the
    // next Dijkstra. Each path carries one unit (pair arcs have capacity 1).
    while (augmentTight(g, pot, S, Z, search)) {
      value -= pathCost;
      augmentations++;
    }
  }
  return { chosen: g.flow, value, augmentations, phases };
}

/** Depth-first search for an S-Z path of zero reduced cost; augments one unit along it if found. */
function augmentTight(g: Network, pot: Float64Array, S: number, Z: number, search: { stamp: Int32Array; mark: number; path: Int32Array }): boolean {
  const mark = ++search.mark;
  const { stamp, path } = search;
  let depth = 0;
  const visit = (u: number): boolean => {
    stamp[u] = mark;
    if (u === Z) return true;
    return forEachArc(g, u, (v, cost, code) => {
      if (stamp[v] === mark || cost + pot[u] - pot[v] !== 0) return false;
      path[depth++] = code;
      if (visit(v)) return true;
      depth--;
      return false;
    });
  };
  if (!visit(S)) return false;
  for (let i = 0; i < depth; i++) {
    const code = path[i];
    if (code >= 0) {
      g.cap[code] -= 1;
      g.cap[code ^ 1] += 1;
    } else {
      const k = -code - 1;
      setFlow(g, k, g.flow[k] === 0);
    }
  }
  return true;
}

/** The network is a DAG at zero flow: shortest distances in topological order make reduced costs >= 0. */
function initialPotentials(g: Network, nodes: number): Float64Array {
  const pot = new Float64Array(nodes).fill(Infinity);
  pot[0] = 0;
  // Topological order: S, left nodes, right nodes, T, Z (node numbering already follows it).
  for (let u = 0; u < nodes; u++) {
    if (pot[u] === Infinity) continue;
    forEachArc(g, u, (v, cost) => {
      if (v > u && pot[u] + cost < pot[v]) pot[v] = pot[u] + cost;
    });
  }
  // Nodes unreachable now stay unreachable: augmentations only add arcs inside the reachable set.
  for (let v = 0; v < nodes; v++) if (pot[v] === Infinity) pot[v] = 0;
  return pot;
}
