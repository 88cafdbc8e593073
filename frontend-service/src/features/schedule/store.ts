import { defineStore } from 'pinia'
import { ref } from 'vue'
import { teacherApi } from '@/api'
import type { DateTimeString, TimeOffCreate } from '@/api'
import { useResource } from '@/composables/useResource'

export const useScheduleStore = defineStore('teacher-schedule', () => {
  const { data: schedule, loading, error, load: fetchSchedule } = useResource(teacherApi.schedule)
  const range = ref<{ from: DateTimeString; to: DateTimeString } | null>(null)
  const savingTimeOff = ref(false)

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
      await teacherApi.createTimeOff(data)
      await reload()
    } finally {
      savingTimeOff.value = false
    }
  }

  return { schedule, loading, error, savingTimeOff, load, reload, addTimeOff }
})
