import { randomBytes, randomUUID } from 'node:crypto';
import { Global, INestApplicationContext, Injectable, Module, Type as NestType } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { NestFactory } from '@nestjs/core';
import { Type } from '@sinclair/typebox';
import { DataSource } from 'typeorm';
import { defineEvent, EventEnvelope, Personal } from '@bascule/shared/contracts';
import {
  MasterKey,
  PersonalFields,
  rowsOf,
  shredSubject,
  SqlRows,
  SubjectKeys,
  subjectKeysTableUp,
} from '@bascule/shared/persistence';
import { eventually, topicEnd, waitForGroupAt } from '@bascule/shared/testing';
import {
  ConsumersModule,
  ConsumesEvent,
  DeadLetterPublisher,
  Delivery,
  EVENT_COMPRESSION,
  EventConsumers,
  EventHandlerDirectory,
  KAFKA,
  PERSONAL_FIELDS,
} from '../src';
import { MessagingFixture } from './messaging-fixture';
import { testEvent, thingHappened } from './test-contract';

/** A dependency the handler gets by DI: the effect it writes proves the provider was built by Nest. */
@Injectable()
class Scale {
  readonly factor = 10;
}

@Injectable()
class OnThingHappened {
  constructor(private readonly scale: Scale) {}

  @ConsumesEvent('test.thing-happened', 1)
  async apply(event: EventEnvelope<{ n: number }>, tx: SqlRows): Promise<void> {
    await tx.query('INSERT INTO applied (event_id, n) VALUES ($1, $2)', [
      event.id,
      event.payload.n * this.scale.factor,
    ]);
  }
}

/** Records every call, the repeats of an event it applied too (`answersRepeats`, as a saga participant does). */
@Injectable()
class AnswersThingHappened {
  @ConsumesEvent('test.thing-happened', 1, { answersRepeats: true })
  async apply(event: EventEnvelope<{ n: number }>, tx: SqlRows, delivery?: Delivery): Promise<void> {
    await tx.query('INSERT INTO deliveries (event_id, repeated) VALUES ($1, $2)', [event.id, delivery?.repeated]);
  }
}

const personNamed = (topic: string) =>
  defineEvent({
    type: 'test.person-named',
    version: 1,
    topic,
    aggregateType: 'person',
    summary: 'test event with a personal field',
    schema: Type.Object({ name: Personal(Type.String()) }, { additionalProperties: false }),
  });

/** Records the name as the handler sees it. */
@Injectable()
class OnPersonNamed {
  @ConsumesEvent('test.person-named', 1)
  async apply(event: EventEnvelope<{ name: unknown }>, tx: SqlRows): Promise<void> {
    await tx.query('INSERT INTO named (person_id, name) VALUES ($1, $2)', [
      event.aggregateId,
      JSON.stringify(event.payload.name),
    ]);
  }
}

describe('ConsumersModule: @ConsumesEvent methods of providers, wired by DI, on the consumer engine', () => {
  const fixture = new MessagingFixture();

  /** What MessagingModule and TypeORM give a service: the fixture's broker, dead letters and database. */
  function platformModule(personal: PersonalFields | null = null, directory = new EventHandlerDirectory()) {
    @Global()
    @Module({
      providers: [
        { provide: KAFKA, useValue: fixture.kafka },
        { provide: DeadLetterPublisher, useValue: new DeadLetterPublisher(fixture.producer) },
        { provide: DataSource, useValue: fixture.dataSource },
        { provide: PERSONAL_FIELDS, useValue: personal },
        { provide: EventHandlerDirectory, useValue: directory },
      ],
      exports: [KAFKA, DeadLetterPublisher, DataSource, PERSONAL_FIELDS, EventHandlerDirectory],
    })
    class Platform {}
    return Platform;
  }

  beforeAll(() => fixture.setUp());
  afterAll(() => fixture.tearDown());

  it('applies each event once through the decorated method of a provider with its dependencies', async () => {
    const lane = await fixture.lane();
    const groupId = `consumers-module-${Date.now()}`;

    const directory = new EventHandlerDirectory();
    const Platform = platformModule(null, directory);

    const events = Array.from({ length: 50 }, (_, i) => thingHappened(i + 1));
    await fixture.producer.send({
      topic: lane.topic,
      compression: EVENT_COMPRESSION,
      messages: events.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })),
    });
    @Module({
      imports: [
        Platform,
        ConsumersModule.forRoot({ groupId, topics: [lane.topic], contracts: [testEvent(lane.topic)] }),
      ],
      providers: [Scale, OnThingHappened],
    })
    class Consuming {}

    const app = await consumeToTheEnd(Consuming, fixture.kafka, groupId, lane.topic);
    expect(app.get(EventConsumers).running).toBe(false);
    // The handlers as the engine ran them, for a saga participant's deferred commands (ADR 0070).
    expect(directory.handlerOf('test.thing-happened')).toEqual(expect.any(Function));
    const rows: { event_id: string; n: number }[] = await fixture.dataSource.query('SELECT event_id, n FROM applied');
    expect(rows.sort((a, b) => a.n - b.n)).toEqual(events.map((e) => ({ event_id: e.id, n: e.payload.n * 10 })));
  }, 180_000);

  it('with answersRepeats, calls the method again for a repeated event, marked repeated, in its transaction', async () => {
    const lane = await fixture.lane();
    const groupId = `consumers-module-repeats-${Date.now()}`;
    await fixture.dataSource.query('CREATE TABLE deliveries (event_id uuid, repeated boolean)');
    const events = Array.from({ length: 10 }, (_, i) => thingHappened(i + 1));
    await fixture.producer.send({
      topic: lane.topic,
      compression: EVENT_COMPRESSION,
      messages: [...events, ...events].map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })),
    });
    @Module({
      imports: [
        platformModule(),
        ConsumersModule.forRoot({ groupId, topics: [lane.topic], contracts: [testEvent(lane.topic)] }),
      ],
      providers: [AnswersThingHappened],
    })
    class Consuming {}

    await consumeToTheEnd(Consuming, fixture.kafka, groupId, lane.topic);
    const rows: { event_id: string; repeated: boolean }[] = await fixture.dataSource.query(
      'SELECT event_id, repeated FROM deliveries ORDER BY repeated',
    );
    for (const event of events)
      expect(rows.filter((r) => r.event_id === event.id).map((r) => r.repeated)).toEqual([false, true]);
    expect(rows).toHaveLength(20);
  }, 180_000);

  it('refuses to start when a consumed contract has no @ConsumesEvent handler, naming it', async () => {
    const lane = await fixture.lane();
    const Platform = platformModule();
    const unhandled = { ...testEvent(lane.topic), version: 2 };
    @Module({
      imports: [
        Platform,
        ConsumersModule.forRoot({
          groupId: 'never',
          topics: [lane.topic],
          contracts: [testEvent(lane.topic), unhandled],
        }),
      ],
      providers: [Scale, OnThingHappened],
    })
    class Consuming {}

    await expect(
      NestFactory.createApplicationContext(Consuming, { logger: false, abortOnError: false }),
    ).rejects.toThrow('no @ConsumesEvent handler for test.thing-happened v2');
  }, 60_000);

  it('hands the handler the personal fields opened, and those of an erased person as erased: no crash, no dead letter', async () => {
    const lane = await fixture.lane(1);
    const groupId = `consumers-module-personal-${Date.now()}`;
    const contract = personNamed(lane.topic);
    const personal = new PersonalFields(new SubjectKeys(MasterKey.of(randomBytes(32).toString('hex'))));
    const sql = rowsOf(fixture.pool);
    for (const statement of [...subjectKeysTableUp, 'CREATE TABLE named (person_id text, name jsonb)'])
      await sql.query(statement);
    const [ada, bob] = [randomUUID(), randomUUID()];
    const envelopes = [ada, bob].map((person, i) => ({
      ...thingHappened(i),
      type: contract.type,
      aggregateType: 'person',
      aggregateId: person,
      payload: { name: person === ada ? 'Ada' : 'Bob' },
    }));
    const sealed = await personal.seal(
      sql,
      envelopes.map((envelope) => ({ envelope, contract })),
    );
    await shredSubject(sql, bob);
    await fixture.producer.send({
      topic: lane.topic,
      compression: EVENT_COMPRESSION,
      messages: sealed.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })),
    });
    @Module({
      imports: [
        platformModule(personal),
        ConsumersModule.forRoot({ groupId, topics: [lane.topic], contracts: [contract] }),
      ],
      providers: [OnPersonNamed],
    })
    class Consuming {}

    await consumeToTheEnd(Consuming, fixture.kafka, groupId, lane.topic);
    expect(JSON.stringify(sealed)).not.toMatch(/Ada|Bob/);
    const rows = await sql.query<{ person_id: string; name: unknown }>('SELECT person_id, name FROM named');
    expect(Object.fromEntries(rows.map((r) => [r.person_id, r.name]))).toEqual({
      [ada]: 'Ada',
      [bob]: { erased: true },
    });
    expect(await topicEnd(fixture.kafka, `${lane.topic}.dlq`)).toEqual({ 0: '0' });
  }, 180_000);
});

/** Runs the module's consumers until the group has committed the topic's end, then closes the app (returned). */
async function consumeToTheEnd(
  module: NestType<unknown>,
  kafka: Kafka,
  groupId: string,
  topic: string,
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(module, { logger: false, abortOnError: false });
  try {
    await eventually(async () => app.get(EventConsumers).running, 60_000);
    await waitForGroupAt(kafka, groupId, topic, await topicEnd(kafka, topic), 120_000);
  } finally {
    await app.close();
  }
  return app;
}
