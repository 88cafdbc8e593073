import { defineStore } from 'pinia'
import { teacherApi } from '@/api'
import { useResource } from '@/composables/useResource'

export const useTeacherDashboardStore = defineStore('teacher-dashboard', () => {
  const { data: dashboard, loading, error, load } = useResource(teacherApi.dashboard)
  return { dashboard, loading, error, load }
})
