import { runService } from '@calchain/platform';
import { GatewayModule } from './gateway.module';

runService({ name: 'gateway', defaultPort: 3000, persistence: { entities: [], migrations: [] }, module: GatewayModule.register, rawBody: true });
