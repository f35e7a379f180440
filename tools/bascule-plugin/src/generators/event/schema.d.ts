export interface EventSchema {
  name: string;
  context: string;
  aggregate?: string;
  fields?: string;
}
