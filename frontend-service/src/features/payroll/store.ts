import { defineStore } from 'pinia'
import { teacherApi } from '@/api'
import { useResource } from '@/composables/useResource'

export const usePayrollStore = defineStore('teacher-payroll', () => {
  const { data: payroll, loading, error, load } = useResource(teacherApi.payroll)
  return { payroll, loading, error, load }
})
