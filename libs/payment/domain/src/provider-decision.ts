/** What the payment provider answered to an authorization: approved with its reference, or declined with its reason. */
export type ProviderDecision =
  { outcome: 'approved'; reference: string } | { outcome: 'declined'; reason: string; reference: string | null };
