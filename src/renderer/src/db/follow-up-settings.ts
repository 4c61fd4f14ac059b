import {
  DEFAULT_NOT_APPLIED_AFTER_DAYS,
  FOLLOW_UP_WINDOW_DAYS
} from '$shared/follow-up/follow-up-state'
import { InvalidSettingError } from '$shared/errors'
import type { DeskDatabase } from './desk-database'

/** After how many days a sent result not seen applied says "ask your administrator". */
export async function readNotAppliedAfterDays(db: DeskDatabase): Promise<number> {
  const row = await db.meta.get('notAppliedAfterDays')
  return row?.value ?? DEFAULT_NOT_APPLIED_AFTER_DAYS
}

export async function saveNotAppliedAfterDays(db: DeskDatabase, days: number): Promise<void> {
  if (!Number.isInteger(days) || days < 1 || days > FOLLOW_UP_WINDOW_DAYS) {
    throw new InvalidSettingError(
      `The number of days must be a whole number from 1 to ${FOLLOW_UP_WINDOW_DAYS}.`
    )
  }
  await db.meta.put({ key: 'notAppliedAfterDays', value: days })
}
