import { defineStore } from 'pinia'
import { studentApi } from '@/api'
import { useResource } from '@/composables/useResource'

export const useLedgerStore = defineStore('student-ledger', () => {
  const { data: ledger, loading, error, load } = useResource(studentApi.ledger)
  return { ledger, loading, error, load }
})
