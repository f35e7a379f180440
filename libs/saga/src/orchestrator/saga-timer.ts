import { backoffDelay } from '@bascule/shared/messaging';
import { SagaOrchestrator } from './saga-orchestrator';

export interface SagaTimerOptions {
  /** How often to look for deadlines that came due. */
  pollIntervalMs: number;
  /** Deadlines fired per transaction. */
  batchSize: number;
  /**
   * Whether the replies can be read now. While they cannot (the orchestrator's consumer starting after a crash,
   * rebalancing, restarting), no deadline fires: a reply waiting unread in Kafka is no participant's silence, and
   * firing would compensate sagas whose participants did answer. Unset: always.
   */
  repliesFlowing?: () => boolean;
}

export const defaultSagaTimerOptions: SagaTimerOptions = { pollIntervalMs: 250, batchSize: 100 };

export interface SagaTimerLogger {
  warn(payload: object, message: string): void;
}

/**
 * The durable timer: deadlines live in the sagas table, not in memory, and a poller fires those that came due.
 * Any number of orchestrator instances may run one: each batch is locked with `FOR UPDATE SKIP LOCKED` and
 * moved on in its transaction, so one deadline fires once. A failure (the database away) is retried with backoff.
 */
export class SagaTimer {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly orchestrator: SagaOrchestrator,
    private readonly options: SagaTimerOptions = defaultSagaTimerOptions,
    private readonly logger: SagaTimerLogger = console,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (this.options.repliesFlowing && !this.options.repliesFlowing()) {
          await this.sleep(this.options.pollIntervalMs);
          continue;
        }
        const fired = await this.orchestrator.fireDue(this.options.batchSize);
        failures = 0;
        if (fired === this.options.batchSize) continue;
        await this.sleep(this.options.pollIntervalMs);
      } catch (error) {
        failures += 1;
        this.logger.warn({ err: error }, 'saga timer could not fire due deadlines; retrying');
        await this.sleep(backoffDelay(failures, { initialMs: 200, maxMs: 5_000 }));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
