import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from './wait-until';

export const repoRoot = join(__dirname, '..', '..', '..', '..');

/** One service as a real OS process, started from its main.ts like scripts/services.sh does. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  /** Exit code of the last run (null while running or when ended by a signal). */
  get exitCode(): number | null {
    return this.child?.exitCode ?? null;
  }

  /** OS process id of the running child (fault tests pause it with SIGSTOP / SIGCONT). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** A new, not yet started process of the same service on the same port, settings and logs, plus `extra`. */
  withSettings(extra: Record<string, string>): ServiceProcess {
    return new ServiceProcess(this.name, this.port, { ...this.env, ...extra }, this.logDir);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    const log = openSync(join(this.logDir, `${this.name}.log`), 'a');
    this.child = spawn(process.execPath, ['-r', './tools/register.js', `services/${this.name}/src/main.ts`], {
      cwd: repoRoot,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', log, log],
    });
    const child = this.child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}; see ${this.logDir}`);
        return (await fetch(`${this.url}/ready`)).status;
      },
      (status) => status === 200,
      { timeoutMs: 90000, what: `${this.name} ready` },
    );
  }

  /** Graceful stop (SIGTERM) or a crash (SIGKILL: no shutdown hooks run). */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }
}
