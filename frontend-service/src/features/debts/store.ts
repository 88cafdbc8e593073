import { defineStore } from 'pinia'
import { ref } from 'vue'
import { moneyApi } from '@/api'
import type { DebtReminder } from '@/api'
import { useResource } from '@/composables/useResource'

export const useDebtsStore = defineStore('admin-debts', () => {
  const { data: debts, loading, error, load } = useResource(moneyApi.debts)
  const reminding = ref<string | null>(null)

  /** Reminds one student; `fresh` is false when they were already reminded today (nothing sent). */
  async function remind(studentId: string): Promise<{ reminder: DebtReminder; fresh: boolean }> {
    const before = debts.value?.items.find((item) => item.student_id === studentId)?.reminded_on ?? null
    reminding.value = studentId
    try {
      const reminder = await moneyApi.remindDebtor(studentId)
      if (debts.value) {
        debts.value = {
          ...debts.value,
          items: debts.value.items.map((item) =>
            item.student_id === studentId ? { ...item, reminded_on: reminder.reminded_on } : item,
          ),
        }
      }
      return { reminder, fresh: before !== reminder.reminded_on }
    } finally {
      reminding.value = null
    }
  }

  return { debts, loading, error, load, reminding, remind }
})
