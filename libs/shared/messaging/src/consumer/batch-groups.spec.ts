import { KafkaMessage } from 'kafkajs';
import { BatchGroups } from './batch-groups';
import { Outcome } from './message-applier';

const messages = (...offsets: string[]) => offsets.map((offset) => ({ offset }) as KafkaMessage);

describe('partition batches handed over together', () => {
  it('are applied as one, each given back the outcomes of its own messages', async () => {
    const applied: string[][] = [];
    const groups = new BatchGroups(async (all) => {
      applied.push(all.map((m) => m.offset));
      return all.map((m): Outcome => (m.offset === 'b2' ? 'duplicate' : 'applied'));
    });
    const [a, b] = await Promise.all([groups.join(messages('a1')), groups.join(messages('b1', 'b2'))]);
    expect(applied).toEqual([['a1', 'b1', 'b2']]);
    expect(a).toEqual(['applied']);
    expect(b).toEqual(['applied', 'duplicate']);
  });

  it('leave a batch alone to go its own way', async () => {
    const apply = jest.fn();
    expect(await new BatchGroups(apply).join(messages('a1'))).toBeUndefined();
    expect(apply).not.toHaveBeenCalled();
  });

  it('send every batch its own way when the group fails', async () => {
    const groups = new BatchGroups(async () => {
      throw new Error('a change to set aside');
    });
    expect(await Promise.all([groups.join(messages('a1')), groups.join(messages('b1'))])).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('close on the next turn of the event loop: a later batch starts a group of its own', async () => {
    const sizes: number[] = [];
    const groups = new BatchGroups(async (all) => (sizes.push(all.length), all.map((): Outcome => 'applied')));
    const first = Promise.all([groups.join(messages('a1')), groups.join(messages('b1'))]);
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([first, groups.join(messages('c1')), groups.join(messages('d1')), groups.join(messages('e1'))]);
    expect(sizes).toEqual([2, 3]);
  });
});
