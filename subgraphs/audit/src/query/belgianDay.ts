/**
 * The Belgian calendar day of an ISO 8601 instant. One formatter for the
 * process: building an Intl.DateTimeFormat costs tens of microseconds, and the
 * partner view asks this of every request of a day.
 */
const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });

export function belgianDayOf(iso: string): string {
  return formatter.format(new Date(iso));
}
