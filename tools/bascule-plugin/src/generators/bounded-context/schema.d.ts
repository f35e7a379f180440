export interface BoundedContextSchema {
  name: string;
  aggregate: string;
  httpPort?: number;
  grpcPort?: number;
  fields?: string;
  legacyTable?: string;
}
