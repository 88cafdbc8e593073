import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { frontdeskApi, staffingApi } from '@/api'
import type { CalendarLesson, StudioCalendar } from '@/api'
import { useResource } from '@/composables/useResource'
import { addDays, startOfDay, toOffsetIso } from '@/utils/format'

/** The studio calendar of one local day: every teacher's lessons, hours and time off. */
export const useStudioCalendarStore = defineStore('studio-calendar', () => {
  const day = ref(startOfDay(new Date()))
  const teacherId = ref<string | null>(null)
  const resource = useResource((from: string, to: string, teacher: string | null) =>
    frontdeskApi.calendar({ from, to, ...(teacher ? { teacher_id: teacher } : {}) }),
  )
  const calendar = ref<StudioCalendar | null>(null)
  watch(resource.data, (value) => {
    calendar.value = value
  })
  const moving = ref<string | null>(null)

  const lessons = computed(() => calendar.value?.lessons ?? [])
  const teachers = computed(() => calendar.value?.teachers ?? [])

  function load() {
    return resource.load(toOffsetIso(day.value), toOffsetIso(addDays(day.value, 1)), teacherId.value)
  }

  function goTo(value: Date) {
    day.value = startOfDay(value)
    return load()
  }

  function filterTeacher(value: string | null) {
    teacherId.value = value
    return load()
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
      const saved = await frontdeskApi.reschedule(lesson.id, { starts_at: toOffsetIso(startsAt) })
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
    teacherId,
    calendar,
    lessons,
    teachers,
    loading: resource.loading,
    error: resource.error,
    moving,
    load,
    goTo,
    filterTeacher,
    move,
    cancel,
    substitute,
  }
})
