export interface QuerySchema {
  name: string;
  context: string;
  aggregate?: string;
  field: string;
}
