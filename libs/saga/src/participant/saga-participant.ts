import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandMetadata } from '@bascule/shared/application';
import { EventEnvelope } from '@bascule/shared/contracts';
import { Delivery } from '@bascule/shared/messaging';
import { OutboxWriter, SqlRows } from '@bascule/shared/persistence';
import { sagaReply } from '../engine/saga-messages';
import { SagaAnswer } from './saga-answer';

/** The metadata of the use case a saga command runs: in the saga's correlation, caused by the command. */
export const sagaCommandMetadata = (command: EventEnvelope): CommandMetadata => ({
  correlationId: command.correlationId,
  causationId: command.id,
  originSystem: 'cloud',
});

/**
 * The participant side of a saga (ADR 0056): runs the use case of a saga command in the consumer's transaction
 * (the command's inbox row), and writes the reply to the outbox and to `saga_replies` in that same transaction. A
 * repeated delivery of the command runs nothing and sends the stored reply again (same type, payload, correlation
 * and causation; a new envelope id, since the first may still be in the outbox).
 */
@Injectable()
export class SagaParticipant {
  constructor(private readonly outbox: OutboxWriter) {}

  async answer(
    command: EventEnvelope,
    tx: SqlRows,
    delivery: Delivery | undefined,
    work: () => Promise<SagaAnswer>,
  ): Promise<void> {
    if (delivery?.repeated) return this.answerAgain(command, tx);
    const { reply, payload } = await work();
    const envelope = sagaReply(command, reply, payload as never, {
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
    });
    await this.outbox.append(tx, [envelope]);
    await tx.query(`INSERT INTO saga_replies (command_id, saga_id, reply) VALUES ($1, $2, $3)`, [
      command.id,
      command.aggregateId,
      JSON.stringify(envelope),
    ]);
  }

  private async answerAgain(command: EventEnvelope, tx: SqlRows): Promise<void> {
    const [stored] = await tx.query<{ reply: EventEnvelope }>(`SELECT reply FROM saga_replies WHERE command_id = $1`, [
      command.id,
    ]);
    // Handled before this consumer answered repeats, or purged: nothing to repeat, and the saga's timeout resends.
    if (!stored) return;
    await this.outbox.append(tx, [{ ...stored.reply, id: randomUUID() }]);
  }
}
