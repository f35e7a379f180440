import { CommandMetadata } from '@bascule/shared/application';
import { CapturedChange, LegacyKey } from '@bascule/shared/contracts';
import { ICommand } from '@nestjs/cqrs';
import { PersonalFields } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { CommandSender } from '../engine/change-applier';
import { sealedLetterValue } from '../engine/sealed-letters';
import { KeyMapTable } from '../key-map/key-map-table';
import { LegacyKeyMap } from '../key-map/legacy-key-map.port';
import { CaptureFormat, legacyMetadata, Translated } from '../legacy-table';
import type { ReleasedChanges, TransactionReleaser } from './buffering-applier';
import { BufferedChange } from './pg-transaction-buffer';
import { TransactionBufferTables } from './transaction-buffer-tables';
import { groupByAggregate, RecordedEnd } from './transaction-grouping';

/* eslint-disable @typescript-eslint/no-explicit-any -- a group's tables each have their own row and key types */

/** A child table of a group: its rows belong to the parent row whose key `parentKeyOf` reads from them. */
export interface ChildCapture<Row = any, K extends LegacyKey = any> {
  capture: CaptureFormat<Row, K>;
  /** The parent table (`COMMANDES`), the group's root. */
  parent: CaptureFormat<any, LegacyKey> | string;
  /** The parent's key in a child row (`row.NO_COMMANDE`): the aggregate the row is mapped into. */
  parentKeyOf(row: Row, key: K): LegacyKey;
}

/** A table of a group: the root (its capture) or one of its children. */
export type GroupedTable = CaptureFormat<any, LegacyKey> | ChildCapture;

/** What a legacy transaction wrote of one aggregate: its root row's change (if written) and its children's, by table. */
export interface CapturedGroup<Root = any> {
  aggregateId: string;
  /** The root row's key (`NO_COMMANDE`), whether or not the transaction wrote the root row. */
  rootKey: LegacyKey;
  root: CapturedChange<Root> | null;
  /** Each child table's changes (`LIGNES_COMMANDE`), in transaction order; a table not written is absent. */
  children: Readonly<Record<string, readonly CapturedChange<any>[]>>;
  transactionId: string | null;
}

/**
 * Legacy tables synced into one aggregate (ADR 0031): a root table and its children; each legacy transaction's
 * rows of one aggregate are translated together and applied as one command.
 */
export interface LegacyGroupDefinition<V> {
  service: string;
  /** The root table's capture first, then its children: `[LEGACY_COMMANDES, { capture: LEGACY_LIGNES_COMMANDE, parent: LEGACY_COMMANDES, parentKeyOf }]`. */
  tables: readonly GroupedTable[];
  /** How the connector's `<prefix>.transaction` events are read (the ACL's `readTransactionEnd`). */
  readEnd(value: Buffer | null): RecordedEnd | null;
  /** One key map for every table of the group (`keyType: 'text'` when a child's key is composite). */
  keyMap: KeyMapTable;
  /** The aggregate a root key becomes (stable: a replayed creation finds what it made). */
  aggregateIdOf(rootKey: LegacyKey): string;
  /**
   * The ACL's translation of a group; a quarantine sets the whole transaction aside (each change counted as
   * quarantined in its table). What it keeps is recorded on the root row's key (`legacy_row` of the key map: what a
   * legacy contract served from the context needs of the row as legacy wrote it, as a table's sync keeps it).
   */
  translate(group: CapturedGroup): Translated<V>;
  command(aggregateId: string, value: V, metadata: CommandMetadata): ICommand;
  /** Default `legacy_tx_changes` / `legacy_tx_ends`; a context with several groups gives each its own. */
  buffer?: TransactionBufferTables;
  /**
   * The group's name when its context has several (one per aggregate): its consumer group on the transaction
   * topic is then `<service>.<prefix>-transaction.<name>`, since every group must read every END.
   */
  name?: string;
}

/**
 * A group the ACL cannot take: the releaser refuses its transaction, which is set aside whole, each of its changes
 * counted as quarantined in its table (`bascule_acl_quarantined_total`).
 */
export class GroupQuarantined extends Error {
  readonly safeMessage = true;
  readonly code = 'legacy-group-quarantined';
}

/**
 * The ACL's translation of a group; a row it finds corrupt (its quarantine, or a converter's error with a safe
 * message: a NULL the model cannot do without, an amount finer than cents, a date no calendar has) quarantines the
 * group.
 */
function translatedGroup<V>(
  definition: LegacyGroupDefinition<V>,
  group: CapturedGroup,
): Extract<Translated<V>, { kept: unknown }> {
  let translated: Translated<V>;
  try {
    translated = definition.translate(group);
  } catch (error) {
    if ((error as { safeMessage?: boolean }).safeMessage) throw new GroupQuarantined((error as Error).message);
    throw error;
  }
  if (translated.quarantine) throw new GroupQuarantined(translated.quarantine.join('; '));
  return translated;
}

export const isChild = (table: GroupedTable): table is ChildCapture => 'capture' in table;
const captureOf = (table: GroupedTable) => (isChild(table) ? table.capture : table);

/** The group's root and children, checked: one root first, every child's parent being that root. */
export function groupTables(tables: readonly GroupedTable[]) {
  const [root, ...children] = tables;
  if (!root || isChild(root)) throw new Error('a legacy group starts with its root table');
  for (const child of children) {
    const parent = isChild(child) ? (typeof child.parent === 'string' ? child.parent : child.parent.table) : null;
    if (parent !== root.table)
      throw new Error(`${captureOf(child).table}: a child of ${root.table} (its parent) in this group`);
  }
  return { root, children: children as ChildCapture[], names: tables.map((table) => captureOf(table).table) };
}

interface Decoded {
  order: number;
  table: string;
  change: CapturedChange<unknown>;
  rootKey: LegacyKey;
}

/**
 * The releaser of a group (ADR 0031): each released transaction's changes decoded, those at or below their key's
 * last applied position dropped (a replay past the buffer's retention), grouped by aggregate; a group whose
 * aggregate is erased dropped before it is translated (counted, never applied nor set aside with its rows: ADR
 * 0033), each other group translated and sent as one command, every key recorded in the key map; all in the
 * batch's transaction.
 */
export function groupReleaser<V>(
  definition: LegacyGroupDefinition<V>,
  keys: LegacyKeyMap,
  commands: CommandSender,
): TransactionReleaser {
  const { root, children } = groupTables(definition.tables);
  const childOf = new Map(children.map((child) => [child.capture.table, child]));
  const decode = (buffered: BufferedChange): Decoded | null => {
    const child = childOf.get(buffered.table);
    const change = (child ? child.capture : root).decode(buffered.value);
    if (!change) return null;
    const rootKey = child ? child.parentKeyOf(change.row, change.key) : change.key;
    return { order: buffered.order, table: buffered.table, change, rootKey };
  };
  const capturedGroup = (aggregateId: string, group: Decoded[], transactionId: string | null): CapturedGroup => ({
    aggregateId,
    rootKey: group[0].rootKey,
    root: group.filter((d) => d.table === root.table).pop()?.change ?? null,
    children: Object.fromEntries(
      children
        .map((child) => [child.capture.table, group.filter((d) => d.table === child.capture.table)] as const)
        .filter(([, rows]) => rows.length > 0)
        .map(([table, rows]) => [table, rows.map((d) => d.change)]),
    ),
    transactionId,
  });
  return async (transactions) => {
    const decoded = transactions.map((transaction) => ({
      transactionId: transaction.transactionId,
      changes: transaction.changes.map(decode).filter((change): change is Decoded => change !== null),
    }));
    const applied = await keys.lastLsns(decoded.flatMap((t) => t.changes.map((d) => d.change.key)));
    const fresh = decoded.map(({ transactionId, changes }) => ({
      transactionId,
      groups: groupByAggregate(
        changes.filter((d) => d.change.lsn > (applied.get(String(d.change.key)) ?? -1)),
        (d) => definition.aggregateIdOf(d.rootKey),
      ),
    }));
    const erased = await keys.erasedAggregates([...new Set(fresh.flatMap(({ groups }) => [...groups.keys()]))]);
    const released: ReleasedChanges = { applied: [], erased: [] };
    for (const { transactionId, groups } of fresh)
      for (const [aggregateId, group] of groups) {
        if (erased.has(aggregateId)) {
          released.erased.push(...group.map((d) => d.table));
          continue;
        }
        const translated = translatedGroup(definition, capturedGroup(aggregateId, group, transactionId));
        const last = group.reduce((a, b) => (b.change.lsn > a.change.lsn ? b : a)).change;
        await commands.execute(definition.command(aggregateId, translated.value as V, legacyMetadata(last)));
        for (const { change, table } of group)
          released.applied.push({
            table,
            key: change.key,
            aggregateId,
            lsn: change.lsn,
            deleted: change.deleted,
            // What the ACL keeps of the root row as legacy wrote it (the legacy contract's columns the model lacks).
            kept: table === root.table && !change.deleted ? (translated.kept ?? null) : null,
            committedAtMs: change.committedAtMs,
          });
      }
    await keys.recordAll(released.applied);
    return released;
  };
}

/**
 * What seals a group's set-aside changes (ADR 0033): each with the key of the aggregate its root key leads to (a
 * child row's read from the row); a change that cannot be decoded has no subject and goes as it came.
 */
export function groupLetterSealer(
  definition: Pick<LegacyGroupDefinition<unknown>, 'tables' | 'aggregateIdOf'>,
  personal: PersonalFields | undefined,
  pool: Pool,
): (change: BufferedChange) => Promise<Buffer | undefined> {
  const { root, children } = groupTables(definition.tables);
  const childOf = new Map(children.map((child) => [child.capture.table, child]));
  const subjectOf = (buffered: BufferedChange): string | undefined => {
    try {
      const child = childOf.get(buffered.table);
      const change = (child ? child.capture : root).decode(buffered.value);
      if (!change) return undefined;
      return definition.aggregateIdOf(child ? child.parentKeyOf(change.row, change.key) : change.key);
    } catch {
      return undefined;
    }
  };
  return (change) => sealedLetterValue(personal, pool, subjectOf(change), change.value);
}

/**
 * A child table's rows as a group's command takes them: the last fields of each key written, the keys deleted,
 * each with the id its child entity has in the aggregate (`idOf(table, key)`, stable across replays).
 */
export interface LegacyChildRows<Fields> {
  upserted: { id: string; key: string; fields: Fields }[];
  deleted: { id: string; key: string }[];
}

/**
 * The group's child rows, table by table, each translated by its table's translator (`LIGNES_COMMANDE` →
 * `translateLegacyLignesCommande`): a key written several times in the transaction keeps its last change; a
 * deleted row is only its key (Debezium's before image of a delete may hold nothing else).
 */
export function childRowsOf<T extends Record<string, (row: any) => unknown>>(
  group: CapturedGroup,
  translators: T,
  idOf: (table: string, key: string) => string = (_table, key) => key,
): { [Table in keyof T]: LegacyChildRows<ReturnType<T[Table]>> } {
  const rows = Object.entries(translators).map(([table, translate]) => {
    const last = new Map<string, CapturedChange<any>>();
    for (const change of group.children[table] ?? []) last.set(String(change.key), change);
    const changes = [...last.values()].map((change) => ({
      change,
      key: String(change.key),
      id: idOf(table, String(change.key)),
    }));
    return [
      table,
      {
        upserted: changes
          .filter(({ change }) => !change.deleted)
          .map(({ id, key, change }) => ({ id, key, fields: translate(change.row) })),
        deleted: changes.filter(({ change }) => change.deleted).map(({ id, key }) => ({ id, key })),
      },
    ];
  });
  return Object.fromEntries(rows);
}
