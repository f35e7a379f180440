import { CommandMetadata } from '@bascule/shared/application';
import { ICommand } from '@nestjs/cqrs';
import { CapturedChange, LegacyKey } from '@bascule/shared/contracts';
import { KeyMapTable } from './key-map/key-map-table';

/** How a captured table's messages are read (the ACL's, e.g. Debezium's envelope). */
export interface CaptureFormat<Row, K extends LegacyKey> {
  /** The table as the topic names it (`CLIENTS`: `<prefix>.public.CLIENTS`). */
  table: string;
  /** The key from a message's key, when readable, so the key map and aggregates are read before values are parsed. */
  keyOf(messageKey: Buffer | null): K | undefined;
  /** null for a tombstone; throws an error with a safe message (`safeMessage`) for a value it cannot read. */
  decode(value: Buffer | null): CapturedChange<Row, K> | null;
}

/** What to apply, and what the key map keeps of the row as legacy wrote it (null keeps what it had). */
export type Translated<V> = { value: V; kept: unknown; quarantine?: never } | { quarantine: string[]; value?: never };

/** Everything a context gives to have a legacy table synced into it; the engine does the rest. */
export interface LegacyTableDefinition<Row, V, K extends LegacyKey = LegacyKey> {
  /** The service, for the default consumer group (`client-service`). */
  service: string;
  capture: CaptureFormat<Row, K>;
  keyMap: KeyMapTable;
  /** The aggregate a legacy key becomes (stable: a replayed creation finds what it made). */
  aggregateIdOf(key: K): string;
  /** The ACL's translation; a quarantine says why the model cannot take the row. */
  translate(change: CapturedChange<Row, K>): Translated<V>;
  /** The command the CommandBus runs to apply it. */
  command(aggregateId: string, value: V, metadata: CommandMetadata): ICommand;
}

/** Who applied a change: traced to the legacy position and transaction; events carry `origin_system=legacy`. */
export const legacyMetadata = (change: { lsn: number; txId: number | null }): CommandMetadata => ({
  correlationId: `legacy-lsn-${change.lsn}`,
  causationId: change.txId ? `legacy-tx-${change.txId}` : null,
  originSystem: 'legacy',
});
