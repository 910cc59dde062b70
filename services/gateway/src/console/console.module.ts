import { Controller, Get, Logger, MiddlewareConsumer, Module, NestModule, NotFoundException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { join, sep } from 'node:path';
import { DataSource } from 'typeorm';
import { Public } from '@calchain/platform';
import { loadGatewayConfig } from '../config/gateway-config';
import { permissionMatrix } from '../authorization/permission-matrix';
import { OpenApiModule } from '../openapi/openapi.module';
import { ServiceDocuments } from '../openapi/service-documents';
import { ServiceRoles, serviceRoles } from '../openapi/service-roles';
import { CONSOLE_CSP, consoleAnswer, consoleDist, consoleFile, pathOf } from './console-files';

/**
 * What the console needs to show a role only the buttons that will work: the edge's permission
 * matrix, and the narrower rules of the services themselves (one source of truth each; the
 * gateway and the services still check every call).
 */
@Public()
@Controller('console-api')
export class ConsolePermissionsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: ServiceDocuments,
  ) {}

  @Get('permissions')
  permissions() {
    return permissionMatrix.map(({ service, path, read, write }) => ({ service, path, read, write }));
  }

  /**
   * The routes a service narrows below its matrix row with its own `@RequireRoles`, taken from
   * the services' OpenAPI documents (`x-required-roles`), never from a copy.
   *
   * A service whose document is unavailable (the gateway started first, or it is down) is named
   * in `unavailable` rather than answered with an error or with no rules: the console then offers
   * none of that service's routes (it cannot know which would be refused, and while the service
   * is down they would fail anyway), and asks again every few seconds until every service
   * answered, so the buttons appear once the service is up. The gateway keeps no failure: the
   * next request asks the service again (see ServiceDocuments).
   */
  @Get('service-roles')
  async serviceRoles(): Promise<ServiceRoles> {
    return serviceRoles(await this.documents.all());
  }

  /**
   * The development login's user list: who the registry holds, only while the
   * development issuer is on, which it never is in production.
   */
  @Get('dev-users')
  async devUsers() {
    const config = loadGatewayConfig(process.env);
    if (config.DEV_ISSUER !== 'on') throw new NotFoundException();
    const rows: { subject: string; display_name: string; roles: string[] | null; regulator: boolean }[] = await this.dataSource.query(
      `select u.subject, u.display_name,
              (select array_agg(distinct r order by r) from membership m, unnest(m.roles) r where m.user_id = u.id) as roles,
              exists (select 1 from regulator_jurisdiction j where j.user_id = u.id) as regulator
         from app_user u where u.issuer = $1 order by u.display_name`,
      [config.OIDC_ISSUER],
    );
    return rows.map((r) => ({ subject: r.subject, displayName: r.display_name, roles: [...(r.roles ?? []), ...(r.regulator ? ['regulator'] : [])] }));
  }
}

/** Serves the built web console (issue 12) with a single-page-application fallback. */
@Module({ imports: [OpenApiModule], controllers: [ConsolePermissionsController] })
export class ConsoleModule implements NestModule {
  private readonly logger = new Logger('Console');

  configure(consumer: MiddlewareConsumer): void {
    const dist = consoleDist();
    if (!dist) {
      this.logger.log('apps/console/dist not built: the console is not served (npm run build -w @calchain/console)');
      return;
    }
    const secure = (response: Response) => {
      response.setHeader('content-security-policy', CONSOLE_CSP);
      response.setHeader('x-content-type-options', 'nosniff');
      response.setHeader('referrer-policy', 'no-referrer');
      response.setHeader('x-frame-options', 'DENY');
    };
    const serve = (request: Request, response: Response, next: NextFunction) => {
      // originalUrl: Nest mounts middleware on a path, which would strip it from request.path.
      const path = pathOf(request.originalUrl);
      if (path === null || consoleAnswer(request.method, path, request.headers.accept) === 'skip') return next();
      const file = consoleFile(dist, path);
      // A missing asset is a 404, not the page; every other path is a route of the console.
      if (!file && /\.[a-z0-9]+$/i.test(path) && !path.startsWith('/api/')) return next();
      secure(response);
      // Hashed assets never change; the page itself is checked every time so a new build shows at once.
      response.setHeader('cache-control', file?.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      response.sendFile(file ?? join(dist, 'index.html'));
    };
    consumer.apply(serve).forRoutes('{*path}');
  }
}
