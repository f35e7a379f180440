export interface EntitySchema {
  name: string;
  context: string;
  aggregate?: string;
  fields: string;
  /** false: no add-/remove- commands, routes or rpcs (the root's own use cases build the collection). */
  useCases?: boolean;
}
