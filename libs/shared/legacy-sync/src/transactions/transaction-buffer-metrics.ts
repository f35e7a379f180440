import { Gauge, register } from 'prom-client';

const OLDEST_UNRELEASED = 'bascule_legacy_tx_oldest_unreleased_seconds';
const oldestReaders = new Map<string, () => Promise<number>>();

if (!register.getSingleMetric(OLDEST_UNRELEASED))
  new Gauge({
    name: OLDEST_UNRELEASED,
    help: 'Age of the oldest legacy transaction ended but not released (read from the database at scrape time)',
    labelNames: ['buffer'],
    async collect() {
      for (const [buffer, read] of oldestReaders) this.set({ buffer }, await read().catch(() => -1));
    },
  });

/**
 * Makes a buffer's oldest unreleased transaction visible as `bascule_legacy_tx_oldest_unreleased_seconds{buffer}`:
 * one whose END came but whose changes never all did waits forever, and this is what to alert on (ADR 0031).
 */
export function registerOldestUnreleased(buffer: string, read: () => Promise<number>): void {
  oldestReaders.set(buffer, read);
}
