export interface LegacyTableSchema {
  table: string;
  context: string;
  parent?: string;
  aggregate?: string;
  entity?: string;
  columns?: string;
  currency?: string;
}
