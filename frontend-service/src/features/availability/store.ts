import { defineStore } from 'pinia'
import { ref } from 'vue'
import { isApiError, teacherApi } from '@/api'
import type { AvailabilityUpdate } from '@/api'
import { useSessionStore } from '@/stores/session'
import { viewerTimeZone } from '@/utils/format'
import { sortRules } from './rules'

/** The zone a teacher's hours are kept in until she saved some: her profile's, never the browser's. */
function profileZone(): string {
  const user = useSessionStore().user
  const profile = user && 'profile' in user ? (user.profile as { timezone?: unknown } | null) : null
  const zone = profile?.timezone
  return typeof zone === 'string' && zone ? zone : viewerTimeZone()
}

export const useAvailabilityStore = defineStore('teacher-availability', () => {
  const availability = ref<AvailabilityUpdate>({ timezone: profileZone(), rules: [] })
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
      availability.value = { timezone: current.timezone || profileZone(), rules: sortRules(rules) }
    } catch (caught) {
      // No rules saved yet is a normal starting point, not an error.
      if (isApiError(caught) && caught.status === 404) availability.value = { timezone: profileZone(), rules: [] }
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
