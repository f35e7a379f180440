import { SagaOrchestrator } from './saga-orchestrator';
import { SagaTimer } from './saga-timer';

describe('SagaTimer', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

  it('fires no deadline while the replies cannot be read, and fires them once they can', async () => {
    const fireDue = jest.fn(async () => 0);
    let flowing = false;
    const timer = new SagaTimer({ fireDue } as unknown as SagaOrchestrator, {
      pollIntervalMs: 5,
      batchSize: 10,
      repliesFlowing: () => flowing,
    });
    timer.start();
    await settle();
    expect(fireDue).not.toHaveBeenCalled();
    flowing = true;
    await settle();
    await timer.stop();
    expect(fireDue).toHaveBeenCalledWith(10);
  });

  it('fires from the start when nothing says when the replies flow', async () => {
    const fireDue = jest.fn(async () => 0);
    const timer = new SagaTimer({ fireDue } as unknown as SagaOrchestrator, { pollIntervalMs: 5, batchSize: 10 });
    timer.start();
    await settle();
    await timer.stop();
    expect(fireDue).toHaveBeenCalled();
  });
});
