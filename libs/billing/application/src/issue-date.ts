/** The date of issue as France reads it (Europe/Paris), `YYYY-MM-DD`: an invoice issued at 00:30 in Paris on 1 January belongs to the new year. */
export function parisDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
