/** What a reply means for its step: it went through (with the saga's data updated), or the participant refused. */
export type StepResult<D> = { outcome: 'succeeded'; data: D } | { outcome: 'refused'; reason: string };

export const succeeded = <D>(data: D): StepResult<D> => ({ outcome: 'succeeded', data });

export const refused = <D = never>(reason: string): StepResult<D> => ({ outcome: 'refused', reason });
