/** What a payment keeps of the card it was paid with: never the token or a card number, only its last four and type. */
export interface CardSummary {
  last4: string;
  type: string;
}

export function cardSummary(method: { type: string; token: string }): CardSummary {
  return { last4: method.token.slice(-4), type: method.type };
}
