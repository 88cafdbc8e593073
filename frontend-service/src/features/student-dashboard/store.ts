import { defineStore } from 'pinia'
import { studentApi } from '@/api'
import { useResource } from '@/composables/useResource'

export const useStudentDashboardStore = defineStore('student-dashboard', () => {
  const { data: dashboard, loading, error, load } = useResource(studentApi.dashboard)
  return { dashboard, loading, error, load }
})
