import { defineStore } from 'pinia'
import { ref } from 'vue'
import { isApiError, studentApi } from '@/api'
import type { Slot, SlotQuery, SlotsBatchQuery, StudentLesson } from '@/api'
import { useResource } from '@/composables/useResource'
import { IdempotentAttempt, isRetryable } from '@/utils/idempotency'

export const useBookingStore = defineStore('booking', () => {
  const slots = useResource((query: SlotQuery) => studentApi.slots(query))
  // The "any teacher" screen: every teacher's free starts of a week in one call.
  const batch = useResource((query: SlotsBatchQuery) => studentApi.slotsBatch(query))
  /** Asks again for what the screen shows now (the one teacher's slots or the batch). */
  let reloadShown: (() => Promise<unknown>) | null = null
  const booking = ref(false)
  /** Set when the last refresh happened because someone else took the chosen slot. */
  const slotTakenNotice = ref(false)
  const attempt = new IdempotentAttempt()

  function show(load: () => Promise<unknown>) {
    reloadShown = load
    slotTakenNotice.value = false
    return load()
  }

  function loadSlots(query: SlotQuery) {
    return show(() => slots.load(query))
  }

  function loadBatch(query: SlotsBatchQuery) {
    return show(() => batch.load(query))
  }

  /** Books a slot; a retry of the same slot reuses the Idempotency-Key, so it never books twice. */
  async function book(teacherId: string, slot: Slot, durationMinutes: number, useMakeup = false): Promise<StudentLesson> {
    const payload = {
      teacher_id: teacherId,
      starts_at: slot.starts_at,
      duration_minutes: durationMinutes,
      use_makeup_credit: useMakeup,
    }
    const key = attempt.keyFor(payload)
    booking.value = true
    try {
      const result = await studentApi.book(payload, key)
      attempt.settle()
      return result.lesson
    } catch (error) {
      if (!isRetryable(error)) attempt.settle()
      if (isApiError(error) && error.code === 'slot_taken' && reloadShown) {
        await reloadShown()
        slotTakenNotice.value = true
      }
      throw error
    } finally {
      booking.value = false
    }
  }

  return {
    slots: slots.data,
    slotsLoading: slots.loading,
    slotsError: slots.error,
    batch: batch.data,
    batchLoading: batch.loading,
    batchError: batch.error,
    booking,
    slotTakenNotice,
    loadSlots,
    loadBatch,
    book,
  }
})
