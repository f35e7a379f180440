import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { DeadLetterPublisher } from '../dead-letter/dead-letter-publisher';
import { EventConsumers } from './consumers.module';
import { EventHandlerDirectory } from './event-handler-directory';

/** A consumer whose start is seen: its first step, reading the database's pool, throws `started`. */
function consumers(enabled?: boolean): EventConsumers {
  const dataSource = {
    get driver(): never {
      throw new Error('started');
    },
  } as unknown as DataSource;
  return new EventConsumers(
    {} as DiscoveryService,
    {} as MetadataScanner,
    {} as Kafka,
    {} as DeadLetterPublisher,
    dataSource,
    { groupId: 'storeroom-service', topics: ['quarry.events.v1'], contracts: [], enabled },
    new EventHandlerDirectory(),
  );
}

describe('EventConsumers: whether a process consumes', () => {
  const before = process.env.EVENT_CONSUMERS;
  afterEach(() => {
    if (before === undefined) delete process.env.EVENT_CONSUMERS;
    else process.env.EVENT_CONSUMERS = before;
  });

  it('starts its consumer with the app by default', () => {
    delete process.env.EVENT_CONSUMERS;
    expect(() => consumers().onApplicationBootstrap()).toThrow('started');
  });

  it('starts none with EVENT_CONSUMERS=off, read when the app starts', () => {
    process.env.EVENT_CONSUMERS = 'off';
    const off = consumers();
    off.onApplicationBootstrap();
    expect(off.running).toBe(false);
  });

  it('starts none when its module says so, whatever the environment', () => {
    delete process.env.EVENT_CONSUMERS;
    const off = consumers(false);
    off.onApplicationBootstrap();
    expect(off.running).toBe(false);
  });
});
