import { defineStore } from 'pinia'
import { ref } from 'vue'
import { isApiError, teacherApi } from '@/api'
import type { Availability } from '@/api'
import { browserTimeZone } from '@/utils/format'
import { sortRules } from './rules'

export const useAvailabilityStore = defineStore('teacher-availability', () => {
  const availability = ref<Availability>({ timezone: browserTimeZone(), rules: [] })
  const loading = ref(false)
  const saving = ref(false)
  const error = ref<unknown>(null)

  async function load() {
    loading.value = true
    error.value = null
    try {
      const current = await teacherApi.availability()
      availability.value = { timezone: current.timezone || browserTimeZone(), rules: sortRules(current.rules) }
    } catch (caught) {
      // No rules saved yet is a normal starting point, not an error.
      if (isApiError(caught) && caught.status === 404) availability.value = { timezone: browserTimeZone(), rules: [] }
      else error.value = caught
    } finally {
      loading.value = false
    }
  }

  async function save(data: Availability) {
    saving.value = true
    try {
      const rules = sortRules(data.rules)
      await teacherApi.saveAvailability({ timezone: data.timezone, rules })
      availability.value = { timezone: data.timezone, rules }
    } finally {
      saving.value = false
    }
  }

  return { availability, loading, saving, error, load, save }
})
