import { certificateChain, ChainCertificate, invalidEdits, pendingReissue, reissueResults, remarksOf, ResultLine } from './amendments';

const cert = (id: string, more: Partial<ChainCertificate> = {}): ChainCertificate => ({ id, number: `HD-2026-00000${id}`, status: 'issued', supplementTo: null, replaces: null, replacedBy: null, ...more });

describe('amendments: the chain of an original with its supplements and replacements (R-6.4.4)', () => {
  // 1 was supplemented by 2 and replaced by 3 (so void); 3 was supplemented by 4; 9 is another record's certificate of the same item.
  const all = [
    cert('1', { status: 'void', replacedBy: '3', issuedAt: '2026-01-01T00:00:00Z' }),
    cert('3', { replaces: '1', issuedAt: '2026-03-01T00:00:00Z', amendmentReason: 'wrong value' }),
    cert('2', { supplementTo: '1', issuedAt: '2026-02-01T00:00:00Z' }),
    cert('4', { supplementTo: '3', issuedAt: '2026-04-01T00:00:00Z' }),
    cert('9', { issuedAt: '2025-01-01T00:00:00Z' }),
  ];

  it('walks from any member to the whole chain, original first, each followed by its amendments in issue order', () => {
    for (const from of ['1', '2', '3', '4']) {
      const chain = certificateChain(all, from);
      expect(chain.map((e) => [e.certificate.id, e.relation, e.of?.id ?? null, e.depth])).toEqual([
        ['1', 'original', null, 0],
        ['2', 'supplement', '1', 1],
        ['3', 'replacement', '1', 1],
        ['4', 'supplement', '3', 2],
      ]);
    }
  });

  it('names the replacement of a void original', () => {
    const [original] = certificateChain(all, '4');
    expect(original.certificate.status).toBe('void');
    expect(original.replacedBy?.id).toBe('3');
  });

  it('leaves out certificates of the same item that are not linked, and a lone certificate is a chain of one', () => {
    expect(certificateChain(all, '9').map((e) => e.certificate.id)).toEqual(['9']);
    expect(certificateChain(all, 'unknown')).toEqual([]);
  });

  it('a drafted replacement (no number yet) is part of the chain and blocks a second one', () => {
    const withDraft = [cert('1'), cert('5', { number: null, status: 'draft', replaces: '1' })];
    expect(certificateChain(withDraft, '1').map((e) => [e.certificate.id, e.relation])).toEqual([['1', 'original'], ['5', 'replacement']]);
    expect(pendingReissue(withDraft, '1')?.id).toBe('5');
    expect(pendingReissue(all, '3')).toBeUndefined();
  });
});

describe('amendments: the bodies of the supplement and reissue routes', () => {
  const line: ResultLine = {
    resultId: 'r1', quantity: 'L', point: '50 mm', nominal: '50', measuredValue: '50.00012', referenceValue: null, error: '0.00012', correction: null, unit: 'mm',
    expandedUncertainty: '0.00005', uncertaintyUnit: 'mm', coverageFactor: '2', coverageProbability: null, adjustment: 'not-adjusted', limit: null,
  };

  it('remarks are the non-empty lines, trimmed', () => {
    expect(remarksOf(' a \n\n b\r\n  ')).toEqual(['a', 'b']);
    expect(remarksOf('   ')).toEqual([]);
  });

  it('results are sent only when corrected, then complete and in exactly the fields the service accepts', () => {
    const stored = { ...line, statement: { conformity: 'pass' }, extra: 1 } as Partial<ResultLine>;
    expect(reissueResults([stored], {})).toBeUndefined();
    expect(reissueResults([stored], { r1: { measuredValue: '50.00012' } })).toBeUndefined(); // typed again, unchanged
    const corrected = reissueResults([stored], { r1: { measuredValue: ' 50.00010 ', error: '' } });
    expect(corrected).toEqual([{ ...line, measuredValue: '50.00010', error: null }]);
    expect(Object.keys(corrected?.[0] ?? {}).sort()).toEqual(Object.keys(line).sort());
  });

  it('flags corrections that are not decimals, and an emptied measured value', () => {
    expect(invalidEdits({ r1: { measuredValue: '50,1', expandedUncertainty: '0.1' } })).toEqual(['r1.measuredValue']);
    expect(invalidEdits({ r1: { measuredValue: '' } })).toEqual(['r1.measuredValue']);
    expect(invalidEdits({ r1: { error: '', expandedUncertainty: '-0.5' } })).toEqual([]);
  });
});
