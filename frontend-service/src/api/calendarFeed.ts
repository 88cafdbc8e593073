import { http } from './client'
import type { components } from './schema'

export type CalendarFeed = components['schemas']['CalendarFeedRead']

/** The user's private iCal subscription link (the same until regenerated). */
export const calendarFeedApi = {
  get: () => http.get<CalendarFeed>('/me/calendar-feed'),
  regenerate: () => http.post<CalendarFeed>('/me/calendar-feed'),
  revoke: () => http.delete<void>('/me/calendar-feed'),
}
