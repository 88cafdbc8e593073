import { defineStore } from 'pinia'
import { ref } from 'vue'
import { adminApi } from '@/api'
import type { NotificationLogEntry, NotificationStatus } from '@/api'
import { useResource } from '@/composables/useResource'

export const PAGE_SIZE = 25

export interface NotificationFilters {
  status: NotificationStatus | null
  channel: NotificationLogEntry['channel'] | null
}

export const useNotificationsStore = defineStore('admin-notifications', () => {
  const { data: page, loading, error, load: fetchPage } = useResource(adminApi.notifications)
  const filters = ref<NotificationFilters>({ status: null, channel: null })
  const pageNumber = ref(1)

  function load() {
    return fetchPage({
      status: filters.value.status ?? undefined,
      channel: filters.value.channel ?? undefined,
      page: pageNumber.value,
      size: PAGE_SIZE,
    })
  }

  function setFilters(value: NotificationFilters) {
    filters.value = value
    pageNumber.value = 1
    return load()
  }

  function goToPage(value: number) {
    pageNumber.value = value
    return load()
  }

  return { page, loading, error, filters, pageNumber, load, setFilters, goToPage }
})
