import { describe, expect, it } from 'vitest';
import { conflictsOf, tiesFrom } from '../../../service/src/core/board/conflicts.ts';

const ties = tiesFrom([
  { kind: 'funder', company_id: 'acme', other_association_id: null },
  { kind: 'partnership', company_id: 'acme', other_association_id: null },
  { kind: 'supplier', company_id: 'imprimerie', other_association_id: null },
  { kind: 'funded', company_id: null, other_association_id: 'club' },
]);

describe('board conflict flags', () => {
  it('flags a candidate whose employer funds and partners the association', () => {
    const flags = conflictsOf({ employerIds: ['acme'], boardAssociationIds: [] }, ties);
    expect(flags).toHaveLength(1);
    expect(flags[0].kind).toBe('employer_tie');
    expect(flags[0].detail).toBe("Son employeur finance et a un partenariat RSE avec l'association.");
  });

  it('flags a supplier’s employee', () => {
    expect(conflictsOf({ employerIds: ['imprimerie'], boardAssociationIds: [] }, ties)[0].detail).toContain('fournisseur');
  });

  it('flags a candidate who sits on the board of an association this one funds', () => {
    const flags = conflictsOf({ employerIds: [], boardAssociationIds: ['club', 'autre'] }, ties);
    expect(flags.map((f) => f.kind)).toEqual(['board_tie']);
  });

  it('does not flag unrelated employers or boards', () => {
    expect(conflictsOf({ employerIds: ['ailleurs'], boardAssociationIds: ['autre'] }, ties)).toEqual([]);
    expect(conflictsOf({ employerIds: ['acme'], boardAssociationIds: ['club'] }, tiesFrom([]))).toEqual([]);
  });
});
