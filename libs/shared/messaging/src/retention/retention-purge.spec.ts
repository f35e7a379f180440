import { Pool } from 'pg';
import { RetentionPurger } from './retention-purge';

describe('RetentionPurger timers', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('start() then stop() leaves no timer: no round runs after stop, not even the first one', async () => {
    const connect = jest.fn();
    const purger = new RetentionPurger({ connect } as unknown as Pool, [
      { table: 'inbox', column: 'processed_at', retentionMs: 1_000 },
    ]);
    purger.start(60_000);
    expect(jest.getTimerCount()).toBe(2);
    await purger.stop();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(connect).not.toHaveBeenCalled();
  });
});
