import { PipeTransform, RequestMethod, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { z } from 'zod';
import { routeAccess } from '../auth/auth.guard';
import { ZodValidationPipe } from './zod-validation.pipe';

/* The OpenAPI 3.1 document of a service, generated from what actually runs: the routes Nest
 * registered, the zod schemas of their validation pipes (the same schemas that validate requests),
 * and their role requirements. Nothing is written twice, so the document cannot drift.
 *
 * `x-required-roles` on an operation: the roles the service's own AuthGuard demands (the caller
 * needs one of them), read with the guard's own `routeAccess` (handler over controller, none on a
 * public route). Absent when the service lets any signed-in caller through. The gateway serves
 * these to the console (GET /console-api/service-roles), so it hides what a service would refuse. */

/** The OpenAPI extension naming the roles an operation requires (one of them). */
export const REQUIRED_ROLES_EXTENSION = 'x-required-roles';

const reflector = new Reflector();

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  void _drop;
  return rest;
};

const schemaOf = (pipes: (PipeTransform | Type<PipeTransform>)[] = []): z.ZodType | null => {
  const pipe = pipes.find((p): p is ZodValidationPipe<z.ZodType> => p instanceof ZodValidationPipe);
  return pipe ? pipe.schema : null;
};

const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** The one error model of every service (problem.ts), as JSON Schema. */
export const problemJsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' },
    requirement: { type: 'string', description: 'the requirement ID of the rule that refused the request, e.g. R-6.1.3' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['field', 'rule', 'message'], properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' }, requirement: { type: 'string' } } },
    },
  },
};

const problem = {
  description: 'application/problem+json (RFC 9457): errors[] name the field, the rule and, for rules of the standard, the requirement ID',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

export function buildOpenApi(controllers: Type[], info: { title: string; version: string; description: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const controller of controllers) {
    const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number].toLowerCase();
      const path = openApiPath(join(base, (Reflect.getMetadata(PATH_METADATA, handler) as string) ?? ''));
      const args = Object.values((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { data?: string; pipes?: PipeTransform[] }>);
      const keys = Object.keys((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as object);
      const byType = (type: RouteParamtypes) => args.filter((_, i) => Number(keys[i].split(':')[0]) === type);
      const parameters: unknown[] = [];
      for (const param of byType(RouteParamtypes.PARAM)) {
        const schema = schemaOf(param.pipes);
        parameters.push({ name: param.data, in: 'path', required: true, schema: schema ? jsonSchema(schema) : { type: 'string' } });
      }
      for (const query of byType(RouteParamtypes.QUERY)) {
        const schema = schemaOf(query.pipes);
        const object = schema ? jsonSchema(schema) : {};
        const required = new Set((object.required as string[] | undefined) ?? []);
        for (const [key, value] of Object.entries((object.properties as Record<string, unknown>) ?? {})) {
          parameters.push({ name: key, in: 'query', required: required.has(key) && !(value as JsonSchema).default, schema: value });
        }
      }
      const body = byType(RouteParamtypes.BODY)[0];
      const bodySchema = body ? schemaOf(body.pipes) : null;
      const { public: isPublic, roles } = routeAccess(reflector, handler, controller);
      const status = String(Reflect.getMetadata(HTTP_CODE_METADATA, handler) ?? (method === 'post' ? 201 : 200));
      paths[path] = {
        ...paths[path],
        [method]: {
          operationId: `${controller.name.replace(/Controller$/, '')}.${name}`,
          tags: [controller.name.replace(/Controller$/, '')],
          summary: words(name),
          ...(roles.length ? { description: `Roles: ${roles.join(', ')}`, [REQUIRED_ROLES_EXTENSION]: roles } : {}),
          ...(isPublic ? { security: [] } : {}),
          parameters,
          ...(bodySchema ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(bodySchema) } } } } : {}),
          responses: {
            [status]: { description: 'OK' },
            '400': problem,
            ...(isPublic ? {} : { '401': problem, '403': problem }),
            '404': problem,
            '409': problem,
            '422': problem,
          },
        },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: problemJsonSchema },
    },
  };
}
