import { KafkaMessage } from 'kafkajs';
import { Outcome } from './message-applier';

interface Forming {
  messages: KafkaMessage[];
  members: number;
  outcomes: Promise<Outcome[] | undefined>;
}

/**
 * The partition batches kafkajs hands over together (one fetch, consumed concurrently) applied as one unit of
 * work: one transaction, one key-map read, one write per table for all of them, instead of one each. A key is
 * always in one partition, so putting partitions side by side reorders no key. A batch alone, or a group that
 * fails (a change to set aside, a lost race, the database away), goes its own way: alone, then change by change.
 */
export class BatchGroups {
  private forming?: Forming;

  constructor(private readonly applyTogether: (messages: KafkaMessage[]) => Promise<Outcome[]>) {}

  /** This batch's outcomes once its group committed; undefined when it is alone or the group failed. */
  async join(messages: KafkaMessage[]): Promise<Outcome[] | undefined> {
    const group = (this.forming ??= this.form());
    const from = group.messages.length;
    group.messages.push(...messages);
    group.members += 1;
    return (await group.outcomes)?.slice(from, from + messages.length);
  }

  /** The batches of one fetch reach their handlers in the same turn of the event loop: the group closes on the next. */
  private form(): Forming {
    const group: Forming = { messages: [], members: 0, outcomes: Promise.resolve(undefined) };
    group.outcomes = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      this.forming = undefined;
      if (group.members < 2) return undefined;
      return this.applyTogether(group.messages).catch(() => undefined);
    });
    return group;
  }
}
