export interface EntitySchema {
  name: string;
  context: string;
  aggregate?: string;
  fields: string;
}
