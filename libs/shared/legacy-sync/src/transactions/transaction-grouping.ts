/** A legacy transaction's end as a context records it: how many changes of each of its tables it wrote. */
export interface RecordedEnd {
  transactionId: string;
  counts: Readonly<Record<string, number>>;
}

/**
 * Whether every change a transaction wrote to the context's tables is buffered: for each table the context
 * consumes, as many buffered as the END counts (tables it does not consume are not waited for).
 */
export function transactionCompleteness(
  end: RecordedEnd,
  buffered: Readonly<Record<string, number>>,
  tables: readonly string[],
): 'complete' | 'waiting' {
  return tables.every((table) => (buffered[table] ?? 0) === (end.counts[table] ?? 0)) ? 'complete' : 'waiting';
}

/** A transaction's changes by the aggregate each leads to, each group in transaction order: one group, one command. */
export function groupByAggregate<Change extends { order: number }>(
  changes: readonly Change[],
  aggregateOf: (change: Change) => string,
): Map<string, Change[]> {
  const groups = new Map<string, Change[]>();
  for (const change of [...changes].sort((a, b) => a.order - b.order)) {
    const aggregateId = aggregateOf(change);
    groups.set(aggregateId, [...(groups.get(aggregateId) ?? []), change]);
  }
  return groups;
}
