import { describe, expect, it } from 'vitest';
import { BOARD_COMPETENCY_CODES } from '../../../service/src/contract/board.ts';
import { analyseBoard, gapWeights, horizonDate, type MemberFacts } from '../../../service/src/core/board/matrix.ts';

const TODAY = new Date('2026-11-22T10:00:00Z');
const member = (over: Partial<MemberFacts>): MemberFacts => ({ id: `m-${Math.random()}`, fullName: 'Membre', role: 'administrateur', competencies: [], mandateEnd: null, isKeyPerson: false, ...over });

describe('board gap analysis', () => {
  it('builds the members x competencies matrix with departures within 12 months', () => {
    const m = analyseBoard(
      [
        member({ fullName: 'Alice', role: 'president', competencies: ['gestion_projet', 'domaine'], mandateEnd: '2027-06-30', isKeyPerson: true }),
        member({ fullName: 'Bruno', role: 'tresorier', competencies: ['finance'], mandateEnd: '2029-06-30' }),
        member({ fullName: 'Chloé', role: 'secretaire', competencies: ['juridique', 'communication'], mandateEnd: null }),
      ],
      [],
      TODAY,
    );
    expect(m.competencies.map((c) => c.code)).toEqual([...BOARD_COMPETENCY_CODES]);
    expect(m.rows).toHaveLength(3);
    expect(m.rows.every((r) => r.cells.length === BOARD_COMPETENCY_CODES.length)).toBe(true);
    const alice = m.rows.find((r) => r.fullName === 'Alice')!;
    expect(alice.isLeaving).toBe(true);
    expect(alice.cells[BOARD_COMPETENCY_CODES.indexOf('gestion_projet')]).toBe(true);
    expect(alice.cells[BOARD_COMPETENCY_CODES.indexOf('finance')]).toBe(false);
    expect(m.rows.find((r) => r.fullName === 'Bruno')!.isLeaving).toBe(false);
    expect(m.rows.find((r) => r.fullName === 'Chloé')!.isLeaving).toBe(false);
    const gp = m.coverage.find((c) => c.code === 'gestion_projet')!;
    expect(gp).toEqual({ code: 'gestion_projet', total: 1, staying: 0 });
    // The president leaves within the horizon: the role becomes vacant, and the key departure is a priority.
    expect(m.vacantRoles.map((v) => v.role)).toEqual(['president']);
    expect(m.vacantRoles[0].reason).toContain('30/06/2027');
    expect(m.priorities.some((p) => p.kind === 'key_departure' && p.label.includes('Alice'))).toBe(true);
    expect(m.gaps.find((g) => g.code === 'gestion_projet')!.weight).toBe(1);
  });

  it('counts the horizon in calendar months', () => {
    expect(horizonDate(TODAY)).toBe('2027-11-22');
    const m = analyseBoard([member({ mandateEnd: '2027-11-22' }), member({ mandateEnd: '2027-11-23' })], [], TODAY);
    expect(m.rows.map((r) => r.isLeaving)).toEqual([true, false]);
  });

  it('lists every missing statutory role on an empty board, with finance and legal gaps', () => {
    const m = analyseBoard([], [], TODAY);
    expect(m.vacantRoles.map((v) => v.role)).toEqual(['president', 'tresorier', 'secretaire']);
    expect(gapWeights(m)).toEqual({ finance: 1, juridique: 1, gestion_projet: 1 });
  });

  it('weighs a gap by demand and shortage: uncovered > covered once > covered twice', () => {
    const board = [
      member({ role: 'president', competencies: ['communication'] }),
      member({ role: 'tresorier', competencies: ['communication', 'numerique'] }),
      member({ role: 'secretaire', competencies: ['finance'] }),
    ];
    const m = analyseBoard(board, [{ id: 'n1', role: 'administrateur', priority: 1, competencies: [{ code: 'collecte', weight: 1 }, { code: 'numerique', weight: 1 }, { code: 'communication', weight: 1 }] }], TODAY);
    const g = gapWeights(m);
    expect(g.collecte).toBe(1);
    expect(g.numerique).toBe(0.5);
    expect(g.communication).toBe(0.2);
    expect(g.collecte! > g.numerique! && g.numerique! > g.communication!).toBe(true);
    // Gaps come sorted by weight; the need tops the priorities.
    expect(m.gaps.map((x) => x.weight)).toEqual([...m.gaps.map((x) => x.weight)].sort((a, b) => b - a));
    expect(m.priorities[0].kind).toBe('need');
  });

  it('orders priorities: urgent needs before later ones, and a vacant role without a need is listed', () => {
    const m = analyseBoard(
      [member({ role: 'president' }), member({ role: 'secretaire', competencies: ['juridique'] })],
      [
        { id: 'late', role: 'administrateur', priority: 3, competencies: [] },
        { id: 'soon', role: 'vice_president', priority: 1, competencies: [] },
      ],
      TODAY,
    );
    const needs = m.priorities.filter((p) => p.kind === 'need');
    expect(needs[0].label).toContain('vice-président');
    expect(m.priorities.some((p) => p.kind === 'vacant_role' && p.label.startsWith('Trésorier'))).toBe(true);
    for (let i = 1; i < m.priorities.length; i++) expect(m.priorities[i - 1].weight).toBeGreaterThanOrEqual(m.priorities[i].weight);
  });
});
