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
 * repeated delivery of the command (the saga's retry after a timeout keeps the command's id, ADR 0055) runs nothing
 * and sends the stored reply again (same type, payload, correlation and causation; a new envelope id, since the
 * first may still be in the outbox). A command consumed but never answered — its work said "not yet" (`undefined`),
 * or its reply was purged — has nothing stored: a repeat of it runs the work again.
 */
@Injectable()
export class SagaParticipant {
  constructor(private readonly outbox: OutboxWriter) {}

  async answer(
    command: EventEnvelope,
    tx: SqlRows,
    delivery: Delivery | undefined,
    work: () => Promise<SagaAnswer | undefined>,
  ): Promise<void> {
    if (delivery?.repeated && (await this.answerAgain(command, tx))) return;
    const answered = await work();
    if (!answered) return; // not yet: the saga's timeout sends the command again
    const envelope = sagaReply(command, answered.reply, answered.payload as never, {
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

  /** Sends the reply stored for this command again; false when none is stored. */
  private async answerAgain(command: EventEnvelope, tx: SqlRows): Promise<boolean> {
    const [stored] = await tx.query<{ reply: EventEnvelope }>(`SELECT reply FROM saga_replies WHERE command_id = $1`, [
      command.id,
    ]);
    if (!stored) return false;
    await this.outbox.append(tx, [{ ...stored.reply, id: randomUUID() }]);
    return true;
  }
}
