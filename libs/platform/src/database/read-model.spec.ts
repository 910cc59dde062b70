import { readModelUpsert } from './read-model';

describe('read-model upsert (events carry full state; the newer state wins)', () => {
  it('replaces every non-key column and keeps the newer state when asked', () => {
    const { sql, parameters } = readModelUpsert({
      table: 'rm_method',
      key: ['tenant_id', 'method_id'],
      values: { tenant_id: 't', method_id: 'm', limits: JSON.stringify({ t: [1, 2] }), ids: ['a'], occurred_at: '2026-01-01T00:00:00Z' },
      newerOnly: 'occurred_at',
    });
    expect(sql).toBe(
      'insert into rm_method (tenant_id, method_id, limits, ids, occurred_at) values ($1, $2, $3, $4, $5) on conflict (tenant_id, method_id) ' +
        'do update set limits = excluded.limits, ids = excluded.ids, occurred_at = excluded.occurred_at where rm_method.occurred_at <= excluded.occurred_at',
    );
    expect(parameters).toEqual(['t', 'm', '{"t":[1,2]}', ['a'], '2026-01-01T00:00:00Z']);
  });

  it('keeps the first row when no column is to be updated, and stores undefined as null', () => {
    const { sql, parameters } = readModelUpsert({ table: 'rm_x', key: ['id'], values: { id: 1, note: undefined }, update: [] });
    expect(sql).toBe('insert into rm_x (id, note) values ($1, $2) on conflict (id) do nothing');
    expect(parameters).toEqual([1, null]);
  });

  it('refuses names that are not plain identifiers', () => {
    expect(() => readModelUpsert({ table: 'rm_x; drop table y', key: ['id'], values: { id: 1 } })).toThrow(/identifier/);
  });
});
