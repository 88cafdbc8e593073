import { defineStore } from 'pinia'
import { ref } from 'vue'
import { groupdeskApi } from '@/api'
import type { ClosedDay } from '@/api'
import { useResource } from '@/composables/useResource'

/** The studio's closed days (holidays) from today on: group sessions skip them. */
export const useClosedDaysStore = defineStore('closed-days', () => {
  const { data: days, loading, error, load } = useResource(groupdeskApi.closedDays)
  const saving = ref(false)

  async function add(day: ClosedDay) {
    saving.value = true
    try {
      await groupdeskApi.addClosedDay(day)
      await load()
    } finally {
      saving.value = false
    }
  }

  async function remove(date: string) {
    await groupdeskApi.deleteClosedDay(date)
    await load()
  }

  return { days, loading, error, saving, load, add, remove }
})
