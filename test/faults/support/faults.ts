import { LocalPlatform, ServiceProcess } from '@calchain/platform/testing';
import { sleep } from './gateway-client';
import { kafka, postgres } from './stack';

/** One fault: `inject` breaks something and puts it right again; the suite times the recovery after it. */
export interface Fault {
  name: string;
  inject: () => Promise<void>;
}

/** The kafkajs session timeout of every consumer (libs/platform/src/messaging/kafkajs/kafkajs-bus.ts). */
export const SESSION_TIMEOUT_MS = 30000;

const restartAfterKill = (service: ServiceProcess): Fault => ({
  name: `kill -9 ${service.name} mid-batch, restart`,
  inject: async () => {
    await service.stop('SIGKILL');
    await service.start();
  },
});

/** Paused processes are resumed in afterAll whatever happens, so none is left frozen. */
export const paused = new Set<number>();

export function faultPlan(platform: LocalPlatform, outageMs: number, poison: () => Promise<void>): Fault[] {
  const services = [...platform.services.values()];
  const consumer = platform.service('certificates');
  return [
    {
      name: 'kill -9 the Kafka broker, restart it',
      inject: async () => {
        kafka.kill9();
        await sleep(outageMs); // work goes on meanwhile: events wait in the outboxes
        await kafka.start();
      },
    },
    {
      name: 'restart PostgreSQL',
      inject: async () => {
        await postgres.stop();
        await sleep(outageMs);
        await postgres.start();
      },
    },
    ...services.map(restartAfterKill),
    {
      name: `pause the certificates consumer past its ${SESSION_TIMEOUT_MS / 1000} s session timeout (SIGSTOP/SIGCONT, rebalance)`,
      inject: async () => {
        const pid = consumer.pid!;
        process.kill(pid, 'SIGSTOP');
        paused.add(pid);
        await sleep(SESSION_TIMEOUT_MS + 8000);
        process.kill(pid, 'SIGCONT');
        paused.delete(pid);
      },
    },
    { name: 'poison message on the records topic', inject: poison },
  ];
}
