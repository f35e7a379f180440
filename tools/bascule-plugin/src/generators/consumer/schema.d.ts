export interface ConsumerSchema {
  name: string;
  context: string;
  event: string;
  keep?: string;
}
