import { describe, expect, it } from 'vitest';
import { colourBipartite } from '../../../service/src/core/speed-dating/colouring.ts';
import { createRng } from './fixtures.ts';

/** Random simple bipartite graph with maximum degree <= maxDegree. */
function randomGraph(seed: number, left: number, right: number, maxDegree: number) {
  const rng = createRng(seed);
  const degree = new Int32Array(left + right);
  const edges: { left: number; right: number }[] = [];
  for (let a = 0; a < left; a++) {
    for (let c = 0; c < right; c++) {
      if (rng() < 0.6 && degree[a] < maxDegree && degree[left + c] < maxDegree) {
        edges.push({ left: a, right: c });
        degree[a]++;
        degree[left + c]++;
      }
    }
  }
  return edges;
}

function expectProper(edges: { left: number; right: number }[], colours: Int32Array, count: number) {
  const seen = new Set<string>();
  edges.forEach((e, k) => {
    expect(colours[k]).toBeGreaterThanOrEqual(0);
    expect(colours[k]).toBeLessThan(count);
    for (const key of [`L${e.left}@${colours[k]}`, `R${e.right}@${colours[k]}`]) {
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });
}

describe('colourBipartite', () => {
  it('colours with max-degree colours, equitably (König + de Werra), on 100 random graphs', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const R = 2 + (seed % 7);
      const edges = randomGraph(seed, 3 + (seed % 11), 2 + (seed % 13), R);
      const colours = colourBipartite(3 + (seed % 11), 2 + (seed % 13), edges, R, { balance: 'equitable', maxPerColour: Infinity });
      expectProper(edges, colours, R);
      const sizes = Array.from({ length: R }, (_, c) => colours.filter((x) => x === c).length);
      expect(Math.max(...sizes) - Math.min(...sizes), `seed ${seed}`).toBeLessThanOrEqual(1);
    }
  });

  it('extends a precolouring and in cap mode keeps classes under the cap', () => {
    for (let seed = 200; seed < 250; seed++) {
      const R = 4;
      const edges = randomGraph(seed, 8, 8, R);
      const first = colourBipartite(8, 8, edges, R, { balance: 'equitable', maxPerColour: Infinity });
      // Keep half of the colouring, forget the rest, and extend again.
      const pre = Int32Array.from(first, (c, k) => (k % 2 === 0 ? c : -1));
      const cap = Math.ceil(edges.length / R);
      const again = colourBipartite(8, 8, edges, R, { precolour: pre, balance: 'cap', maxPerColour: cap });
      expectProper(edges, again, R);
      for (let c = 0; c < R; c++) expect(again.filter((x) => x === c).length).toBeLessThanOrEqual(cap);
    }
  });
});
