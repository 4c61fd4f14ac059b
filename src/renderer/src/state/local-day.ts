import { connectionDateOf, connectionDateOrdinal } from '$shared/change-request'

/** The clerk's calendar day at `now`, as a day number comparable with due dates. */
export function localDayOrdinal(now: number): number {
  return connectionDateOrdinal(connectionDateOf(new Date(now))) ?? 0
}
