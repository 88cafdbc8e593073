import { defineStore } from 'pinia'
import { ref } from 'vue'
import { adminApi, frontdeskApi, isApiError } from '@/api'
import type { AdminSlotQuery, AdminStudent, FrontDeskBooking, Lesson, Slot } from '@/api'
import { useResource } from '@/composables/useResource'
import { IdempotentAttempt, isRetryable } from '@/utils/idempotency'

const SUGGESTIONS = 10

/** Booking at the front desk: a student found by name, a free slot of any teacher, one Idempotency-Key per attempt. */
export const useFrontDeskStore = defineStore('frontdesk', () => {
  const slots = useResource((query: AdminSlotQuery) => frontdeskApi.slots(query))
  const lastQuery = ref<AdminSlotQuery | null>(null)
  const booking = ref(false)
  const attempt = new IdempotentAttempt()

  async function findStudents(search: string): Promise<AdminStudent[]> {
    const page = await adminApi.students({ search, size: SUGGESTIONS })
    return page.items
  }

  function loadSlots(query: AdminSlotQuery): Promise<Slot[] | null> {
    lastQuery.value = query
    return slots.load(query)
  }

  /** A retry of the same booking reuses its key, so a lost answer never books twice. */
  async function book(payload: FrontDeskBooking): Promise<Lesson> {
    const key = attempt.keyFor(payload)
    booking.value = true
    try {
      const result = await frontdeskApi.book(payload, key)
      attempt.settle()
      return result.lesson
    } catch (error) {
      if (!isRetryable(error)) attempt.settle()
      if (isApiError(error) && error.code === 'slot_taken' && lastQuery.value) await slots.load(lastQuery.value)
      throw error
    } finally {
      booking.value = false
    }
  }

  return {
    slots: slots.data,
    slotsLoading: slots.loading,
    slotsError: slots.error,
    booking,
    findStudents,
    loadSlots,
    book,
  }
})
