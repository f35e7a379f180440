import { backoffDelay } from './backoff';

describe('backoff', () => {
  const options = { initialMs: 100, maxMs: 2_000 };

  it('doubles from the first wait and stops at the ceiling', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((attempt) => backoffDelay(attempt, options, () => 1))).toEqual([
      100, 200, 400, 800, 1_600, 2_000, 2_000,
    ]);
  });

  it('jitters each wait between half and all of its step', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(200);
    for (let i = 0; i < 100; i++) expect(backoffDelay(3, options)).toBeGreaterThanOrEqual(200);
    for (let i = 0; i < 100; i++) expect(backoffDelay(3, options)).toBeLessThanOrEqual(400);
  });
});
