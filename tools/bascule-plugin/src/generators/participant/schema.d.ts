export interface ParticipantSchema {
  name: string;
  context: string;
  useCase: string;
  fields?: string;
  target?: string;
}
