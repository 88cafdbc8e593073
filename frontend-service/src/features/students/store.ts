import { defineStore } from 'pinia'
import { ref } from 'vue'
import { adminApi } from '@/api'
import type { AdminStudentCreate, AdminStudentUpdate, PackageCreate, PaymentCreate } from '@/api'
import { useResource } from '@/composables/useResource'
import { IdempotentAttempt, isRetryable } from '@/utils/idempotency'

export const PAGE_SIZE = 20

export const useStudentsStore = defineStore('admin-students', () => {
  const list = useResource(adminApi.students)
  const detail = useResource(adminApi.student)
  const query = ref({ q: '', page: 1 })
  const saving = ref(false)
  const paymentAttempt = new IdempotentAttempt()

  function loadList() {
    return list.load({ search: query.value.q.trim() || undefined, page: query.value.page, size: PAGE_SIZE })
  }

  function search(q: string) {
    query.value = { q, page: 1 }
    return loadList()
  }

  function goToPage(page: number) {
    query.value = { ...query.value, page }
    return loadList()
  }

  async function run<T>(action: () => Promise<T>): Promise<T> {
    saving.value = true
    try {
      return await action()
    } finally {
      saving.value = false
    }
  }

  const create = (data: AdminStudentCreate) =>
    run(async () => {
      const student = await adminApi.createStudent(data)
      await loadList()
      return student
    })

  const update = (id: string, data: AdminStudentUpdate) =>
    run(async () => {
      await adminApi.updateStudent(id, data)
      await detail.load(id)
    })

  /** Records a payment once even if the admin presses "retry" after a network error. */
  const recordPayment = (id: string, data: PaymentCreate) =>
    run(async () => {
      const key = paymentAttempt.keyFor({ id, ...data })
      try {
        await adminApi.recordPayment(id, data, key)
        paymentAttempt.settle()
      } catch (error) {
        if (!isRetryable(error)) paymentAttempt.settle()
        throw error
      }
      await detail.load(id)
    })

  const sellPackage = (id: string, data: PackageCreate) =>
    run(async () => {
      await adminApi.sellPackage(id, data)
      await detail.load(id)
    })

  return {
    page: list.data,
    listLoading: list.loading,
    listError: list.error,
    student: detail.data,
    detailLoading: detail.loading,
    detailError: detail.error,
    query,
    saving,
    loadList,
    search,
    goToPage,
    loadStudent: detail.load,
    create,
    update,
    recordPayment,
    sellPackage,
  }
})
