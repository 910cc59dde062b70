import { Body, Controller, Delete, ExecutionContext, Get, HttpCode, Param, Patch, Post, Put, Query, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { z } from 'zod';
import { Role, Roles } from '@calchain/contracts';
import { AuthGuard } from '../auth/auth.guard';
import { Public, RequireRoles, signAccessToken } from '../auth/caller';
import { buildOpenApi, REQUIRED_ROLES_EXTENSION } from './openapi';
import { ProblemException } from './problem';
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
    expect(act[REQUIRED_ROLES_EXTENSION]).toEqual(['intake-clerk']);
    expect(Object.keys(act.responses as object)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '422']));
  });

  it('turns query schemas into query parameters and marks public routes', () => {
    const list = paths['/things'].get;
    expect((list.parameters as { name: string; required: boolean }[]).map((p) => [p.name, p.required])).toEqual([['page', false], ['status', false]]);
    expect(list.security).toEqual([]);
    expect(list).not.toHaveProperty(REQUIRED_ROLES_EXTENSION);
  });
});

/** Class-level decorators, overridden and lifted per handler (as Reflector.getAllAndOverride reads them). */
@RequireRoles('checker', 'technical-manager')
@Controller('reviews')
class ReviewsController {
  @Get()
  list() {
    return [];
  }

  @Post(':id/sign')
  @RequireRoles('authorised-signatory')
  sign() {
    return {};
  }

  @Put(':id')
  @RequireRoles()
  open() {
    return {};
  }

  @Public()
  @Get('public/:id')
  shown() {
    return {};
  }
}

@Public()
@Controller('open')
class OpenController {
  @Get()
  @RequireRoles('administrator')
  anyone() {
    return {};
  }
}

@Controller('plain')
class PlainController {
  @Patch(':id')
  change() {
    return {};
  }

  @Delete(':id')
  @RequireRoles('administrator', 'quality-supervisor')
  remove() {
    return {};
  }
}

describe('x-required-roles: the roles the service itself demands, read as its AuthGuard reads them', () => {
  const controllers: Type[] = [ThingsController, ReviewsController, OpenController, PlainController];
  const doc = buildOpenApi(controllers, { title: 't', version: '1', description: 'd' });
  const operations = Object.values(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap((byMethod) => Object.values(byMethod));
  const operation = (id: string) => operations.find((o) => o.operationId === id)!;
  const required = (id: string) => operation(id)[REQUIRED_ROLES_EXTENSION];

  it('a class-level @RequireRoles applies to every handler; a handler-level one overrides it', () => {
    expect(required('Reviews.list')).toEqual(['checker', 'technical-manager']);
    expect(operation('Reviews.list').description).toBe('Roles: checker, technical-manager');
    expect(required('Reviews.sign')).toEqual(['authorised-signatory']);
    expect(required('Plain.remove')).toEqual(['administrator', 'quality-supervisor']);
  });

  it('an empty handler-level @RequireRoles() lifts the class requirement, and public routes require no role', () => {
    expect(operation('Reviews.open')).not.toHaveProperty(REQUIRED_ROLES_EXTENSION);
    expect(operation('Reviews.shown')).not.toHaveProperty(REQUIRED_ROLES_EXTENSION);
    expect(operation('Reviews.shown').security).toEqual([]);
    // A class-level @Public() wins over a handler's roles: the guard lets the route through before any role check.
    expect(operation('Open.anyone')).not.toHaveProperty(REQUIRED_ROLES_EXTENSION);
    expect(operation('Open.anyone').security).toEqual([]);
    expect(operation('Plain.change')).not.toHaveProperty(REQUIRED_ROLES_EXTENSION);
  });

  it('agrees with the AuthGuard itself for every handler and every role', async () => {
    const settings = { secret: 's'.repeat(32), issuer: 'calchain-local', audience: 'calchain' };
    const guard = new AuthGuard(new Reflector(), settings);
    const tokens = new Map<Role, string>(await Promise.all(Roles.map(async (role) => [role, await signAccessToken({ subject: 'u', tenant: 'lab', roles: [role] }, settings)] as const)));
    const passes = async (controller: Type, name: string, role: Role) => {
      const request = { method: 'GET', headers: { authorization: `Bearer ${tokens.get(role)}` } };
      const context = { getHandler: () => controller.prototype[name], getClass: () => controller, switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
      return guard.canActivate(context).then(
        () => true,
        (error: unknown) => (error instanceof ProblemException && error.problem.type.endsWith('/forbidden') ? false : Promise.reject(error)),
      );
    };
    let compared = 0;
    for (const controller of controllers) {
      for (const name of Object.getOwnPropertyNames(controller.prototype).filter((n) => n !== 'constructor')) {
        const roles = required(`${controller.name.replace(/Controller$/, '')}.${name}`) as Role[] | undefined;
        for (const role of tokens.keys()) {
          expect({ handler: `${controller.name}.${name}`, role, passes: await passes(controller, name, role) }).toEqual({ handler: `${controller.name}.${name}`, role, passes: !roles || roles.includes(role) });
          compared++;
        }
      }
    }
    expect(compared).toBe(9 * tokens.size);
  });
});
