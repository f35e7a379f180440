import { RetryBudget } from './retry-budget';

describe('RetryBudget caps retries at a share of calls', () => {
  it('lends its capacity up front, then one retry per 1/ratio calls', () => {
    const budget = new RetryBudget(0.1, 10);
    const first = Array.from({ length: 12 }, () => budget.tryWithdraw());
    expect(first.filter(Boolean)).toHaveLength(10);

    let retries = 0;
    for (let call = 0; call < 100; call++) {
      budget.deposit();
      if (budget.tryWithdraw()) retries++;
    }
    expect(retries).toBe(10);
  });

  it('never saves up more than its capacity', () => {
    const budget = new RetryBudget(0.5, 2);
    for (let call = 0; call < 100; call++) budget.deposit();
    expect(budget.available).toBe(2);
    expect([budget.tryWithdraw(), budget.tryWithdraw(), budget.tryWithdraw()]).toEqual([true, true, false]);
  });

  it('allows no retry at all with no capacity', () => {
    const budget = new RetryBudget(0.1, 0);
    budget.deposit();
    expect(budget.tryWithdraw()).toBe(false);
  });
});
