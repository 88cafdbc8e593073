import { defineStore } from 'pinia'
import { ref } from 'vue'
import { isApiError, teacherApi } from '@/api'
import type { AvailabilityUpdate } from '@/api'
import { browserTimeZone } from '@/utils/format'
import { sortRules } from './rules'

export const useAvailabilityStore = defineStore('teacher-availability', () => {
  const availability = ref<AvailabilityUpdate>({ timezone: browserTimeZone(), rules: [] })
  const loading = ref(false)
  const saving = ref(false)
  const error = ref<unknown>(null)

  async function load() {
    loading.value = true
    error.value = null
    try {
      const current = await teacherApi.availability()
      // Only the weekly pattern is edited here; effective dates stay the calendar service's business.
      const rules = current.rules.map(({ weekday, start_time, end_time }) => ({ weekday, start_time, end_time }))
      availability.value = { timezone: current.timezone || browserTimeZone(), rules: sortRules(rules) }
    } catch (caught) {
      // No rules saved yet is a normal starting point, not an error.
      if (isApiError(caught) && caught.status === 404) availability.value = { timezone: browserTimeZone(), rules: [] }
      else error.value = caught
    } finally {
      loading.value = false
    }
  }

  async function save(data: AvailabilityUpdate) {
    saving.value = true
    try {
      const rules = sortRules(data.rules)
      const saved = await teacherApi.saveAvailability({ timezone: data.timezone, rules })
      const savedRules = saved.rules.map(({ weekday, start_time, end_time }) => ({ weekday, start_time, end_time }))
      availability.value = { timezone: saved.timezone, rules: sortRules(savedRules) }
    } finally {
      saving.value = false
    }
  }

  return { availability, loading, saving, error, load, save }
})
