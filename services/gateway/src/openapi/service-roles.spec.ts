import { Roles } from '@calchain/contracts';
import { ServiceDocument } from './aggregate';
import { DOCUMENT_FRESH_MS, ServiceDocuments } from './service-documents';
import { consolePath, serviceRoles } from './service-roles';

const op = (roles?: string[]) => ({ operationId: 'x', responses: {}, ...(roles ? { 'x-required-roles': roles } : {}) });

describe('the services’ own role rules for the console, from their OpenAPI documents', () => {
  const certificates: ServiceDocument = {
    paths: {
      '/certificates': { get: op(), post: op(['checker', 'technical-manager']) },
      '/certificates/{id}': { get: op(), patch: op(['checker']) },
      '/certificates/{id}/sign': { post: op(['authorised-signatory']) },
      '/certificates/{certificateId}/documents/{format}': { get: op(['authorised-signatory', 'checker']) },
      '/public/certificates/{institution}/{number}': { get: { ...op(), security: [] } },
    },
  };

  it('lists each narrowed operation with its method, service, service-relative path (:name) and roles', () => {
    const { rules, unavailable } = serviceRoles(new Map([['certificates', certificates]]));
    expect(unavailable).toEqual([]);
    expect(rules).toEqual([
      { method: 'POST', service: 'certificates', path: 'certificates', roles: ['checker', 'technical-manager'] },
      { method: 'PATCH', service: 'certificates', path: 'certificates/:id', roles: ['checker'] },
      { method: 'POST', service: 'certificates', path: 'certificates/:id/sign', roles: ['authorised-signatory'] },
      { method: 'GET', service: 'certificates', path: 'certificates/:certificateId/documents/:format', roles: ['authorised-signatory', 'checker'] },
    ]);
  });

  it('leaves out routes any signed-in caller may use, and ignores what is not an operation or not a role list', () => {
    const { rules } = serviceRoles(
      new Map([
        ['records', { paths: { '/raw-records': { get: op(), parameters: [] as never, post: { 'x-required-roles': [] } as never, put: { 'x-required-roles': 'checker' } as never } } }],
      ]),
    );
    expect(rules).toEqual([]);
  });

  it('lists an open literal route with every role when a narrowed pattern of the same method would take its path', () => {
    const { rules } = serviceRoles(new Map([['quality', { paths: { '/complaints/{id}': { get: op(['quality-supervisor']) }, '/complaints/statistics': { get: op() }, '/complaints/new': { post: op() } } }]]));
    expect(rules).toEqual([
      { method: 'GET', service: 'quality', path: 'complaints/:id', roles: ['quality-supervisor'] },
      { method: 'GET', service: 'quality', path: 'complaints/statistics', roles: [...Roles] },
    ]);
  });

  it('names the services whose document is unavailable, and still serves the others', () => {
    const answer = serviceRoles(new Map<string, ServiceDocument | undefined>([['certificates', certificates], ['quality', undefined], ['equipment', {}]]));
    expect(answer.unavailable).toEqual(['quality', 'equipment']);
    expect(answer.rules.every((r) => r.service === 'certificates')).toBe(true);
    expect(answer.rules.length).toBeGreaterThan(0);
  });

  it('converts OpenAPI paths to the console’s form', () => {
    expect(consolePath('/items/{id}/return')).toBe('items/:id/return');
    expect(consolePath('/')).toBe('');
  });
});

describe('ServiceDocuments: each service’s document, kept while fresh, asked again when missing', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  const answering = (byBase: Record<string, () => Promise<{ ok: boolean; json: () => Promise<unknown> }>>) => {
    const calls: string[] = [];
    global.fetch = jest.fn(async (url: string | URL | Request) => {
      const base = String(url).replace(/\/openapi\.json$/, '');
      calls.push(base);
      return byBase[base]!();
    }) as unknown as typeof fetch;
    return calls;
  };
  const ok = (document: unknown) => async () => ({ ok: true, json: async () => document });
  const down = async (): Promise<never> => {
    throw new Error('ECONNREFUSED');
  };

  it('keeps an answered document for DOCUMENT_FRESH_MS, asks a missing service every time, and asks once for concurrent requests', async () => {
    let clock = 1_000;
    const now = () => clock;
    let recordsUp = false;
    const calls = answering({ 'http://i': ok({ paths: { '/a': {} } }), 'http://r': () => (recordsUp ? ok({ paths: { '/b': {} } })() : down()) });
    const documents = new ServiceDocuments(new Map([['intake', 'http://i'], ['records', 'http://r']]));

    const [first] = await Promise.all([documents.all(now), documents.all(now)]);
    expect(first.get('intake')).toEqual({ paths: { '/a': {} } });
    expect(first.get('records')).toBeUndefined();
    expect(calls.sort()).toEqual(['http://i', 'http://r']);

    recordsUp = true;
    const second = await documents.all(now);
    expect(second.get('records')).toEqual({ paths: { '/b': {} } });
    expect(calls.filter((c) => c === 'http://i')).toHaveLength(1);

    clock += DOCUMENT_FRESH_MS + 1;
    await documents.all(now);
    expect(calls.filter((c) => c === 'http://i')).toHaveLength(2);
  });

  it('takes an answer without paths, or a failed status, as no document', async () => {
    answering({ 'http://i': ok({ title: 'not a document' }), 'http://r': async () => ({ ok: false, json: async () => ({ paths: {} }) }) });
    const documents = await new ServiceDocuments(new Map([['intake', 'http://i'], ['records', 'http://r']])).all();
    expect([...documents.values()]).toEqual([undefined, undefined]);
  });
});
