import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiDocsController, ApiDocsModule } from './api-docs.module';

@Controller('things')
class ThingsController {
  @Get()
  list() {
    return [];
  }
}

@Module({ imports: [ApiDocsModule.forService({ title: 'CalChain things service', description: 'Things (R-0).' })], controllers: [ThingsController] })
class ThingsModule {}

describe('ApiDocsModule.forService', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await NestFactory.create(ThingsModule, { logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('documents every controller of the application, its own route included', () => {
    const doc = app.get(ApiDocsController).openApi() as { info: { title: string; description: string }; paths: Record<string, unknown> };
    expect(doc.info.title).toBe('CalChain things service');
    expect(doc.info.description).toMatch(/^Things \(R-0\)\. Every refusal is problem\+json/);
    expect(Object.keys(doc.paths).sort()).toEqual(['/openapi.json', '/things']);
  });
});
