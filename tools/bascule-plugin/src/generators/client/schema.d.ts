export interface ClientSchema {
  context: string;
  calls: string;
  rpcs?: string;
}
