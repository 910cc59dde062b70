import { aggregateOpenApi } from './aggregate';
import { gatewayPaths } from './gateway-paths';

type Operation = { parameters?: { name: string; in: string }[]; requestBody?: unknown; responses?: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> };

describe('aggregated OpenAPI document', () => {
  const problemRef = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  const doc = aggregateOpenApi(
    new Map([
      ['records', { paths: { '/raw-records/{id}': { get: { responses: { '404': problemRef } } } }, components: { schemas: { Problem: { type: 'object' } } } }],
      ['quality', undefined],
    ]),
    gatewayPaths,
  );
  const paths = doc.paths as Record<string, Record<string, Operation>>;

  it("keeps each service's references pointing at its own, prefixed components", () => {
    expect(paths['/api/records/raw-records/{id}'].get.responses?.['404'].content?.['application/problem+json'].schema.$ref).toBe('#/components/schemas/records.Problem');
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'records.Problem']));
    expect(doc['x-calchain-services-without-document']).toEqual(['quality']);
  });

  it("declares every path parameter of the gateway's own operations, so a fuzzer can fill them in", () => {
    for (const [path, operations] of Object.entries(gatewayPaths as Record<string, Record<string, Operation>>)) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(operations)) {
        expect((operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)).toEqual(inPath);
        expect(operation.responses).toBeDefined();
      }
    }
    expect(paths['/public/certificates/verify'].get.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(['query:institution', 'query:number', 'query:hash']);
    expect(paths['/public/institutions/{institution}/complaints'].post.requestBody).toBeDefined();
  });
});
