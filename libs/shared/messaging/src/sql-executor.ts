/** The one thing the messaging tables need from a connection: TypeORM's EntityManager and pg's clients both fit. */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}
