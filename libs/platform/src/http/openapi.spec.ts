import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Public, RequireRoles } from '../auth/caller';
import { buildOpenApi } from './openapi';
import { ZodValidationPipe } from './zod-validation.pipe';

const Body1 = z.object({ name: z.string().min(1), amount: z.string().regex(/^\d+$/) });
const Query1 = z.object({ page: z.coerce.number().int().default(1), status: z.enum(['a', 'b']).optional() });

@Controller('things')
class ThingsController {
  @Post(':id/actions')
  @HttpCode(200)
  @RequireRoles('intake-clerk')
  act(@Param('id', new ZodValidationPipe(z.uuid())) id: string, @Body(new ZodValidationPipe(Body1)) body: unknown) {
    return { id, body };
  }

  @Public()
  @Get()
  list(@Query(new ZodValidationPipe(Query1)) query: unknown) {
    return query;
  }
}

describe('OpenAPI document from the running routes', () => {
  const doc = buildOpenApi([ThingsController], { title: 't', version: '1', description: 'd' });
  const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;

  it('lists each route with its path parameters, body schema, roles and status', () => {
    const act = paths['/things/{id}/actions'].post;
    expect(act.operationId).toBe('Things.act');
    expect(act.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: expect.objectContaining({ format: 'uuid' }) }]);
    expect((act.requestBody as { content: Record<string, { schema: { required: string[] } }> }).content['application/json'].schema.required).toEqual(['name', 'amount']);
    expect(act.description).toBe('Roles: intake-clerk');
    expect(Object.keys(act.responses as object)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '422']));
  });

  it('turns query schemas into query parameters and marks public routes', () => {
    const list = paths['/things'].get;
    expect((list.parameters as { name: string; required: boolean }[]).map((p) => [p.name, p.required])).toEqual([['page', false], ['status', false]]);
    expect(list.security).toEqual([]);
  });
});
