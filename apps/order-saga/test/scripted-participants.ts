import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { Pool } from 'pg';
import { EventContract, EventEnvelope } from '@bascule/shared/contracts';
import { orderSagas } from '@bascule/order-saga';
import { SAGA_REPLIES_TOPIC, sagaReply } from '@bascule/saga';

/** What a scripted participant does with one order's command of one type. */
export type Behaviour = { refuse: string } | 'silent' | 'twice';

/** Every reply contract by its type, from the sagas' definitions. */
const replyContracts = new Map<string, EventContract>(
  orderSagas.flatMap(({ steps }) =>
    steps.flatMap((step) => [step.invoke, step.compensate].flatMap((i) => (i ? Object.entries(i.replyContracts) : []))),
  ),
);

/**
 * The four participants, scripted: they read the commands the orchestrator wrote to its outbox (its relay is off,
 * so no real participant sees them) and answer on saga.replies.v1 as a participant's relay would, succeeded unless
 * the order's script says to refuse, stay silent or answer twice (the same envelope, then a copy with a new id).
 */
export class ScriptedParticipants {
  private readonly scripts = new Map<string, Behaviour>();
  private lastSeq = 0n;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    private readonly pool: Pool,
    private readonly producer: Producer,
  ) {
    this.loop = this.run();
  }

  script(orderId: string, commandType: string, behaviour: Behaviour): void {
    this.scripts.set(`${orderId}:${commandType}`, behaviour);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const { rows } = await this.pool.query<{ seq: string; payload: EventEnvelope<{ orderId: string }> }>(
        'SELECT seq::text, payload FROM outbox_all WHERE seq > $1 ORDER BY seq',
        [this.lastSeq.toString()],
      );
      for (const { seq, payload: command } of rows) {
        this.lastSeq = BigInt(seq);
        await this.answer(command);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async answer(command: EventEnvelope<{ orderId: string }>): Promise<void> {
    const behaviour = this.scripts.get(`${command.payload.orderId}:${command.type}`);
    if (behaviour === 'silent') return;
    const refusal = typeof behaviour === 'object' ? behaviour.refuse : undefined;
    const contract = replyContracts.get(`${command.type}-${refusal ? 'refused' : 'succeeded'}`);
    if (!contract) throw new Error(`no reply contract for ${command.type}`);
    const payload = refusal ? { reason: refusal, detail: `scripted: ${refusal}` } : { id: randomUUID(), version: 1 };
    const reply = sagaReply(command, contract, payload as never, {
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
    });
    const replies = behaviour === 'twice' ? [reply, reply, { ...reply, id: randomUUID() }] : [reply];
    await this.producer.send({
      topic: SAGA_REPLIES_TOPIC,
      messages: replies.map((r) => ({ key: r.aggregateId, value: JSON.stringify(r), headers: { event_type: r.type } })),
    });
  }
}
