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
 */

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

class Residual {
  head: Int32Array;
  next: Int32Array;
  to: Int32Array;
  cap: Int32Array;
  cost: Float64Array;
  count = 0;
  constructor(nodes: number, arcs: number) {
    this.head = new Int32Array(nodes).fill(-1);
    this.next = new Int32Array(arcs * 2);
    this.to = new Int32Array(arcs * 2);
    this.cap = new Int32Array(arcs * 2);
    this.cost = new Float64Array(arcs * 2);
  }
  add(from: number, to: number, cap: number, cost: number): number {
    const id = this.count;
    this.push(from, to, cap, cost);
    this.push(to, from, 0, -cost);
    return id;
  }
  private push(from: number, to: number, cap: number, cost: number) {
    const k = this.count++;
    this.to[k] = to;
    this.cap[k] = cap;
    this.cost[k] = cost;
    this.next[k] = this.head[from];
    this.head[from] = k;
  }
}

/** Solves the subgraph problem exactly; deterministic for a given edge order. */
export function solveDegreeConstrainedSubgraph(p: FlowProblem): FlowResult {
  const nL = p.leftCount;
  const nR = p.rightCount;
  const S = 0;
  const T = 1 + nL + nR;
  const Z = T + 1;
  const nodes = Z + 1;
  const g = new Residual(nodes, 2 * (nL + nR) + p.edges.length + 1);
  const pot = new Float64Array(nodes);

  for (let i = 0; i < nL + nR; i++) {
    const cap = Math.max(0, p.capacity[i]);
    const min = Math.min(cap, Math.max(0, p.minimum[i]));
    const node = 1 + i;
    const [from, to] = i < nL ? [S, node] : [node, T];
    if (min > 0) g.add(from, to, min, -p.minimumBonus);
    if (cap - min > 0) g.add(from, to, cap - min, 0);
  }
  const edgeArc = new Int32Array(p.edges.length);
  p.edges.forEach((e, k) => {
    edgeArc[k] = g.add(1 + e.left, 1 + nL + e.right, 1, -e.weight);
  });
  g.add(T, Z, Math.max(0, p.totalCapacity), 0);

  initialPotentials(g, pot, nL, nR);

  const dist = new Float64Array(nodes);
  const heap = new MinHeap(nodes);
  const done = new Uint8Array(nodes);
  const stamp = new Int32Array(nodes);
  const stack = new Int32Array(nodes);
  const arcOnStack = new Int32Array(nodes);
  let round = 0;
  let value = 0;
  let augmentations = 0;
  let phases = 0;
  for (;;) {
    dist.fill(Infinity);
    dist[S] = 0;
    heap.push(S, 0);
    done.fill(0);
    while (heap.size > 0) {
      const d = heap.topKey();
      const u = heap.pop();
      if (d > dist[u] || done[u]) continue;
      done[u] = 1;
      // Early exit: nodes farther than Z cannot shorten the path; potentials below stay valid.
      if (u === Z) break;
      for (let a = g.head[u]; a !== -1; a = g.next[a]) {
        if (g.cap[a] <= 0) continue;
        const v = g.to[a];
        const nd = d + g.cost[a] + pot[u] - pot[v];
        if (nd < dist[v]) {
          dist[v] = nd;
          heap.push(v, nd);
        }
      }
    }
    if (dist[Z] === Infinity) break;
    const pathCost = dist[Z] + pot[Z] - pot[S];
    // Marginal gain no longer positive: by convexity of cost(k), no larger flow can be better.
    if (pathCost >= 0) break;
    phases++;
    heap.clear();
    // Settled nodes move by dist - dist[Z], the others stay: reduced costs remain >= 0.
    for (let v = 0; v < nodes; v++) if (done[v]) pot[v] += dist[v] - dist[Z];
    // Every path made of zero-reduced-cost arcs now costs exactly pathCost (ties are common: weights
    // come from a few preference levels and 2-decimal fits), so augment along all of them before the
    // next Dijkstra. Each path carries one unit (pair arcs have capacity 1).
    while (augmentTight(g, pot, S, Z, stamp, ++round, stack, arcOnStack)) {
      value -= pathCost;
      augmentations++;
    }
  }
  const chosen = new Uint8Array(p.edges.length);
  for (let k = 0; k < p.edges.length; k++) chosen[k] = g.cap[edgeArc[k]] === 0 ? 1 : 0;
  return { chosen, value, augmentations, phases };
}

/** Depth-first search for an S-Z path of zero reduced cost; augments one unit along it if found. */
function augmentTight(
  g: Residual,
  pot: Float64Array,
  S: number,
  Z: number,
  stamp: Int32Array,
  mark: number,
  stack: Int32Array,
  arcOnStack: Int32Array,
): boolean {
  let depth = 0;
  stack[0] = S;
  arcOnStack[0] = g.head[S];
  stamp[S] = mark;
  while (depth >= 0) {
    const u = stack[depth];
    if (u === Z) {
      for (let i = 0; i < depth; i++) {
        const a = arcOnStack[i];
        g.cap[a] -= 1;
        g.cap[a ^ 1] += 1;
      }
      return true;
    }
    let a = arcOnStack[depth];
    while (a !== -1) {
      const v = g.to[a];
      if (g.cap[a] > 0 && stamp[v] !== mark && g.cost[a] + pot[u] - pot[v] === 0) break;
      a = g.next[a];
    }
    arcOnStack[depth] = a;
    if (a === -1) {
      depth--;
      if (depth >= 0) arcOnStack[depth] = g.next[arcOnStack[depth]];
      continue;
    }
    const v = g.to[a];
    stamp[v] = mark;
    stack[++depth] = v;
    arcOnStack[depth] = g.head[v];
  }
  return false;
}

/** The network is a DAG at zero flow: shortest distances in topological order make reduced costs >= 0. */
function initialPotentials(g: Residual, pot: Float64Array, nL: number, nR: number) {
  pot.fill(Infinity);
  pot[0] = 0;
  const order = [0];
  for (let i = 1; i <= nL; i++) order.push(i);
  for (let j = 1 + nL; j <= nL + nR; j++) order.push(j);
  order.push(1 + nL + nR);
  for (const u of order) {
    if (pot[u] === Infinity) continue;
    for (let a = g.head[u]; a !== -1; a = g.next[a]) {
      if (g.cap[a] <= 0) continue;
      const v = g.to[a];
      if (pot[u] + g.cost[a] < pot[v]) pot[v] = pot[u] + g.cost[a];
    }
  }
  // Nodes unreachable now stay unreachable: augmentations only add arcs inside the reachable set.
  for (let v = 0; v < pot.length; v++) if (pot[v] === Infinity) pot[v] = 0;
}

/** Binary heap of (node, key) with lazy deletion. */
class MinHeap {
  private keys: Float64Array;
  private vals: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity * 4);
    this.vals = new Int32Array(capacity * 4);
  }
  push(v: number, key: number) {
    if (this.size === this.keys.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[i] = this.keys[parent];
      this.vals[i] = this.vals[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.vals[i] = v;
  }
  clear() {
    this.size = 0;
  }
  topKey(): number {
    return this.keys[0];
  }
  pop(): number {
    const top = this.vals[0];
    const key = this.keys[--this.size];
    const val = this.vals[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1] < this.keys[child]) child++;
      if (this.keys[child] >= key) break;
      this.keys[i] = this.keys[child];
      this.vals[i] = this.vals[child];
      i = child;
    }
    this.keys[i] = key;
    this.vals[i] = val;
    return top;
  }
  private grow() {
    const keys = new Float64Array(this.keys.length * 2);
    const vals = new Int32Array(this.vals.length * 2);
    keys.set(this.keys);
    vals.set(this.vals);
    this.keys = keys;
    this.vals = vals;
  }
}
