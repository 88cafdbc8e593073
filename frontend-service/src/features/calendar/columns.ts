/** A column of the studio calendar's day view: a teacher, a room, or the lessons without a room. */
export interface CalendarColumn {
  id: string
  label: string
  kind: 'teacher' | 'room'
}
