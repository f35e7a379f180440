export interface CommandSchema {
  name: string;
  context: string;
  aggregate?: string;
  event?: string;
  fields?: string;
  from?: string;
  to?: string;
  role?: string;
}
