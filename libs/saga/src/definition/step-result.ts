/**
 * What a reply means for its step: it went through (with the saga's data updated), or the participant refused
 * (optionally with the data updated too: the refusal's reason kept for a compensation's payload).
 */
export type StepResult<D> = { outcome: 'succeeded'; data: D } | { outcome: 'refused'; reason: string; data?: D };

export const succeeded = <D>(data: D): StepResult<D> => ({ outcome: 'succeeded', data });

export const refused = <D = never>(reason: string, data?: D): StepResult<D> =>
  data === undefined ? { outcome: 'refused', reason } : { outcome: 'refused', reason, data };
