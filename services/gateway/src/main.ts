import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadServiceConfig, migrateServiceSchema, runService, serviceDataSourceOptions } from '@calchain/platform';
import { renderPermissionMatrix } from './authorization/render-matrix';
import { permissionMatrix } from './authorization/permission-matrix';
import { loadGatewayConfig } from './config/gateway-config';
import { GatewayModule } from './gateway.module';
import { loadOrCreateDevIssuerKey, mintDevToken } from './identity/dev-issuer';
import { gatewayPersistence } from './tenancy/persistence';
import { RegistrySeedSchema } from './tenancy/registry-seed';
import { RegistryRepository } from './tenancy/registry.repository';

const service = { name: 'gateway', defaultPort: 3000, persistence: gatewayPersistence, module: GatewayModule.register, rawBody: true };

/**
 * Commands besides `migrate` and serve:
 *   seed <registry.json>   load lab networks, institutions, sites, users
 *   dev-token <subject>    a development-issuer token for a seeded user (DEV_ISSUER=on)
 *   permissions            the permission matrix as markdown
 */
async function main(argv = process.argv.slice(2)): Promise<void> {
  const [command, argument] = argv;
  if (command === 'permissions') return void process.stdout.write(renderPermissionMatrix(permissionMatrix));
  if (command === 'dev-token') {
    const gateway = loadGatewayConfig(process.env);
    if (gateway.DEV_ISSUER !== 'on' || !argument) throw new Error('usage: dev-token <subject> (DEV_ISSUER=on)');
    const key = await loadOrCreateDevIssuerKey(gateway.DEV_ISSUER_KEY_FILE);
    return void process.stdout.write(`${await mintDevToken(key, { subject: argument, issuer: gateway.OIDC_ISSUER, audience: gateway.OIDC_AUDIENCE })}\n`);
  }
  if (command === 'seed') {
    if (!argument) throw new Error('usage: seed <registry.json>');
    const seed = RegistrySeedSchema.parse(JSON.parse(readFileSync(argument, 'utf8')));
    const options = serviceDataSourceOptions(loadServiceConfig(service), gatewayPersistence);
    await migrateServiceSchema(options);
    const dataSource = await new DataSource(options).initialize();
    try {
      await new RegistryRepository(dataSource).seed(seed);
    } finally {
      await dataSource.destroy();
    }
    return void process.stdout.write(`gateway: seeded ${seed.networks.length} network(s), ${seed.users.length} user(s)\n`);
  }
  await runService(service);
}

main().catch((error) => {
  process.stderr.write(`gateway: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
