export interface AggregateSchema {
  name: string;
  context: string;
  fields?: string;
}
