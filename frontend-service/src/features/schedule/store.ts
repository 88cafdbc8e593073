import { defineStore } from 'pinia'
import { ref } from 'vue'
import { staffingApi, teacherApi } from '@/api'
import type { CalendarLesson, DateTimeString, TimeOffCreate } from '@/api'
import { useResource } from '@/composables/useResource'

export const useScheduleStore = defineStore('teacher-schedule', () => {
  const { data: schedule, loading, error, load: fetchSchedule } = useResource(teacherApi.schedule)
  const range = ref<{ from: DateTimeString; to: DateTimeString } | null>(null)
  const savingTimeOff = ref(false)
  /** Booked lessons inside the teacher's upcoming time off (the studio reassigns them). */
  const clashes = ref<CalendarLesson[]>([])

  function load(from: DateTimeString, to: DateTimeString) {
    range.value = { from, to }
    return fetchSchedule(from, to)
  }

  function reload() {
    return range.value ? fetchSchedule(range.value.from, range.value.to) : Promise.resolve(null)
  }

  async function addTimeOff(data: TimeOffCreate) {
    savingTimeOff.value = true
    try {
      const result = await teacherApi.createTimeOff(data)
      clashes.value = result.clashes
      await reload()
    } finally {
      savingTimeOff.value = false
    }
  }

  async function loadClashes() {
    try {
      clashes.value = (await staffingApi.clashes()).clashes
    } catch {
      // The calendar stays usable without the clash list.
    }
  }

  return { schedule, loading, error, savingTimeOff, clashes, load, reload, addTimeOff, loadClashes }
})
