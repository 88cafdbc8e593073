import { defineStore } from 'pinia'
import { ref } from 'vue'
import { moneyApi } from '@/api'
import type { RateUpdate } from '@/api'
import { useResource } from '@/composables/useResource'

export const usePayrollAdminStore = defineStore('admin-payroll', () => {
  const { data: payroll, loading, error, load } = useResource(moneyApi.payroll)
  const { data: rates, load: loadRates } = useResource(moneyApi.rates)
  const saving = ref(false)
  const paying = ref<string | null>(null)

  async function setRate(month: string, teacherId: string, data: RateUpdate) {
    saving.value = true
    try {
      await moneyApi.setRate(teacherId, data)
      await Promise.all([loadRates(teacherId), load(month)])
    } finally {
      saving.value = false
    }
  }

  async function markPaid(month: string, teacherId: string) {
    paying.value = teacherId
    try {
      await moneyApi.markPaid(month, teacherId)
      await load(month)
    } finally {
      paying.value = null
    }
  }

  return { payroll, loading, error, load, rates, loadRates, saving, paying, setRate, markPaid }
})
