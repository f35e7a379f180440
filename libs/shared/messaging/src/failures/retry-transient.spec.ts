import { register } from 'prom-client';
import { retryTransient } from './retry-transient';

const transient = () =>
  Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const fast = { backoff: { initialMs: 1, maxMs: 2 } };

describe('retryTransient', () => {
  const warnings: object[] = [];
  const context = { component: 'test-consumer', logger: { warn: (payload: object) => warnings.push(payload) } };
  beforeEach(() => (warnings.length = 0));

  /** Fails `failures` times with `error`, then answers. */
  const failing = (failures: number, error: () => unknown) => {
    let calls = 0;
    const work = jest.fn(async () => {
      if (++calls <= failures) throw error();
      return 'applied';
    });
    return work;
  };

  it('waits out a transient failure for as long as it lasts, far beyond the poison bound, and counts it', async () => {
    const before =
      (await register.getSingleMetric('bascule_transient_failures_total')!.get()).values.find(
        (v) => v.labels.component === 'test-consumer',
      )?.value ?? 0;
    const work = failing(25, transient);
    await expect(retryTransient(work, { ...fast, poisonAttempts: 3 }, context)).resolves.toEqual({
      outcome: 'done',
      value: 'applied',
    });
    expect(work).toHaveBeenCalledTimes(26);
    expect(warnings).toHaveLength(25);
    expect(warnings[0]).toMatchObject({ failure: 'transient', reason: '57P01', attempt: 1 });
    const after = (await register.getSingleMetric('bascule_transient_failures_total')!.get()).values.find(
      (v) => v.labels.component === 'test-consumer' && v.labels.reason === '57P01',
    )?.value;
    expect(after).toBe(before + 25);
  });

  it('hands back a poison failure after the bounded attempts', async () => {
    const work = failing(10, () => new TypeError('a bug'));
    const result = await retryTransient(work, { ...fast, poisonAttempts: 3 }, context);
    expect(result).toMatchObject({ outcome: 'poison', attempts: 3 });
    expect(work).toHaveBeenCalledTimes(3);
  });

  it('does not count transient failures towards the poison bound', async () => {
    let calls = 0;
    const work = async () => {
      calls++;
      if (calls % 2 === 1) throw transient();
      if (calls <= 6) throw new TypeError('a bug');
      return 'ok';
    };
    expect(await retryTransient(work, { ...fast, poisonAttempts: 3 }, context)).toMatchObject({
      outcome: 'poison',
      attempts: 6,
    });
  });

  it('gives up without an answer once the work is no longer wanted (the consumer stops)', async () => {
    let wanted = true;
    const work = jest.fn(async () => {
      wanted = false;
      throw transient();
    });
    expect(await retryTransient(work, { ...fast }, { ...context, stillWanted: () => wanted })).toMatchObject({
      outcome: 'abandoned',
    });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('keeps the consumer alive while it waits', async () => {
    const keepAlive = jest.fn(async () => undefined);
    await retryTransient(
      failing(1, transient),
      { backoff: { initialMs: 2_500, maxMs: 2_500 } },
      { ...context, keepAlive },
    );
    expect(keepAlive.mock.calls.length).toBeGreaterThanOrEqual(1);
  });
});
