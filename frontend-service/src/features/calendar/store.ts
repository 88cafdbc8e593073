import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { adminApi, frontdeskApi, staffingApi } from '@/api'
import type { CalendarLesson, StudioCalendar, StudioCalendarQuery } from '@/api'
import { useResource } from '@/composables/useResource'
import { addZonedDays, localDayKey, startOfZonedDay, startOfZonedWeek, toZonedIso } from '@/utils/format'

export type CalendarView = 'day' | 'week'
/** What the day view's columns are: one per teacher, or one per room (and one for lessons without a room). */
export type CalendarResource = 'teachers' | 'rooms'
/** The rooms view's column of lessons that have no room. */
export const NO_ROOM = 'no-room'

interface Filters {
  teacherId: string | null
  roomId: string | null
  groupId: string | null
}

/** The studio calendar of one day or week on the viewer's (profile's) wall clock: every teacher's lessons, hours and time off,
 * the rooms and the studio's closed days, narrowed by teacher, room or group. */
export const useStudioCalendarStore = defineStore('studio-calendar', () => {
  const day = ref(startOfZonedDay(new Date()))
  const view = ref<CalendarView>('day')
  const resourceKind = ref<CalendarResource>('teachers')
  const teacherId = ref<string | null>(null)
  const roomId = ref<string | null>(null)
  const groupId = ref<string | null>(null)
  const resource = useResource((from: string, to: string, filters: Filters) => {
    const query: StudioCalendarQuery = { from, to }
    if (filters.teacherId) query.teacher_id = filters.teacherId
    if (filters.roomId) query.room_id = filters.roomId
    if (filters.groupId) query.group_id = filters.groupId
    return frontdeskApi.calendar(query)
  })
  const calendar = ref<StudioCalendar | null>(null)
  watch(resource.data, (value) => {
    calendar.value = value
  })
  const moving = ref<string | null>(null)
  const groups = ref<{ id: string; name: string }[]>([])

  const lessons = computed(() => calendar.value?.lessons ?? [])
  const teachers = computed(() => calendar.value?.teachers ?? [])
  const rooms = computed(() => calendar.value?.rooms ?? [])
  /** The first local day shown and the days shown (one, or Monday to Sunday). */
  const firstDay = computed(() => (view.value === 'week' ? startOfZonedWeek(day.value) : day.value))
  const days = computed(() =>
    Array.from({ length: view.value === 'week' ? 7 : 1 }, (_, index) => addZonedDays(firstDay.value, index)),
  )
  const closedDays = computed(
    () => new Map((calendar.value?.closed_days ?? []).map((closed) => [closed.date, closed.reason ?? null])),
  )

  /** The reason the studio is closed on a local day (empty string without a reason), or undefined. */
  function closedOn(value: Date): string | null | undefined {
    const key = localDayKey(value)
    return closedDays.value.has(key) ? (closedDays.value.get(key) ?? '') : undefined
  }

  /** The day view's column a lesson belongs in. */
  function columnOf(lesson: CalendarLesson): string {
    return resourceKind.value === 'rooms' ? (lesson.room_id ?? NO_ROOM) : lesson.teacher_id
  }

  function load() {
    const to = addZonedDays(firstDay.value, days.value.length)
    return resource.load(toZonedIso(firstDay.value), toZonedIso(to), {
      teacherId: teacherId.value,
      roomId: roomId.value,
      groupId: groupId.value,
    })
  }

  async function loadGroups() {
    try {
      const page = await adminApi.groups({ size: 100 })
      groups.value = page.items.map((group) => ({ id: group.id, name: group.name }))
    } catch {
      // The group filter is then empty; the calendar itself still loads.
    }
  }

  function goTo(value: Date) {
    day.value = startOfZonedDay(value)
    return load()
  }

  /** One step back or forward: a day in the day view, a week in the week view. */
  function step(direction: 1 | -1) {
    return goTo(addZonedDays(day.value, direction * days.value.length))
  }

  function setView(value: CalendarView) {
    view.value = value
    return load()
  }

  function filter(filters: Partial<Filters>) {
    if ('teacherId' in filters) teacherId.value = filters.teacherId ?? null
    if ('roomId' in filters) roomId.value = filters.roomId ?? null
    if ('groupId' in filters) groupId.value = filters.groupId ?? null
    return load()
  }

  function filterTeacher(value: string | null) {
    return filter({ teacherId: value })
  }

  function replace(lesson: CalendarLesson) {
    if (!calendar.value) return
    calendar.value = {
      ...calendar.value,
      lessons: calendar.value.lessons.map((item) => (item.id === lesson.id ? lesson : item)),
    }
  }

  /** Moves the lesson on the grid at once and puts it back where it was when the server refuses. */
  async function move(lesson: CalendarLesson, startsAt: Date) {
    const duration = new Date(lesson.ends_at).getTime() - new Date(lesson.starts_at).getTime()
    const moved = {
      ...lesson,
      starts_at: startsAt.toISOString(),
      ends_at: new Date(startsAt.getTime() + duration).toISOString(),
    }
    replace(moved)
    moving.value = lesson.id
    try {
      const saved = await frontdeskApi.reschedule(lesson.id, { starts_at: toZonedIso(startsAt) })
      replace({ ...moved, ...saved.lesson, students: lesson.students })
    } catch (caught) {
      replace(lesson)
      throw caught
    } finally {
      moving.value = null
    }
  }

  async function cancel(lesson: CalendarLesson, reason: string | null, charge: boolean) {
    const result = await frontdeskApi.cancel(lesson.id, { reason, charge })
    replace({ ...lesson, ...result.lesson, students: lesson.students })
    return result
  }

  /** Gives the lesson to another teacher at the same time; 409 when that teacher is busy or off. */
  async function substitute(lesson: CalendarLesson, newTeacherId: string) {
    const saved = await staffingApi.substitute(lesson.id, newTeacherId)
    replace({ ...lesson, ...saved.lesson, students: lesson.students })
  }

  return {
    day,
    view,
    resourceKind,
    teacherId,
    roomId,
    groupId,
    calendar,
    lessons,
    teachers,
    rooms,
    groups,
    days,
    firstDay,
    loading: resource.loading,
    error: resource.error,
    moving,
    closedOn,
    columnOf,
    load,
    loadGroups,
    goTo,
    step,
    setView,
    filter,
    filterTeacher,
    move,
    cancel,
    substitute,
  }
})
