import { defineStore } from 'pinia'
import { moneyApi } from '@/api'
import { useResource } from '@/composables/useResource'

export const useDebtsStore = defineStore('admin-debts', () => {
  const { data: debts, loading, error, load } = useResource(moneyApi.debts)
  return { debts, loading, error, load }
})
