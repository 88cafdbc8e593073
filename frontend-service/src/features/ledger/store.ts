import { defineStore } from 'pinia'
import { studentApi, makeupsApi } from '@/api'
import { useResource } from '@/composables/useResource'

export const useLedgerStore = defineStore('student-ledger', () => {
  const { data: ledger, loading, error, load: loadLedger } = useResource(studentApi.ledger)
  const policy = useResource(makeupsApi.policy)
  const lessons = useResource(studentApi.lessons)

  /** The statement first; the make-up policy and upcoming lessons only feed the make-up card. */
  function load() {
    void policy.load().catch(() => undefined)
    void lessons.load().catch(() => undefined)
    return loadLedger()
  }

  async function useCredit(lessonId: string) {
    await makeupsApi.useMine(lessonId)
    await loadLedger()
  }

  return { ledger, loading, error, load, policy: policy.data, lessons: lessons.data, useCredit }
})
