import { defineStore } from 'pinia'
import { adminApi } from '@/api'
import { useResource } from '@/composables/useResource'

export const useAdminDashboardStore = defineStore('admin-dashboard', () => {
  const { data: dashboard, loading, error, load } = useResource(adminApi.dashboard)
  return { dashboard, loading, error, load }
})
