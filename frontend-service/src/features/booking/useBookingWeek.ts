import { computed, onMounted, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { useToast } from 'primevue/usetoast'
import { isApiError, makeupsApi } from '@/api'
import type { DateTimeString, Slot } from '@/api'
import { useErrorText } from '@/composables/useErrorText'
import { useFormat } from '@/composables/useFormat'
import { useBookingPolicyStore } from '@/features/frontdesk/policy'
import { addZonedDays, localDayKey, startOfZonedWeek, toZonedIso, viewerTimeZone } from '@/utils/format'
import { useBookingStore } from './store'

/** The week (and lesson length) a booking screen asks free times for. */
export interface BookingWeekRange {
  from: DateTimeString
  to: DateTimeString
  duration_minutes: number
}

/**
 * The week and duration a booking screen shows: weeks are the profile zone's (Monday 00:00 there),
 * whatever the browser's zone. `load` is asked on mounting and on every change of either.
 */
export function useBookingWeek(load: (range: BookingWeekRange) => Promise<unknown>) {
  const policy = useBookingPolicyStore()
  const duration = ref(60)
  const thisWeek = computed(() => startOfZonedWeek(new Date(), viewerTimeZone()))
  const weekStart = ref(thisWeek.value)
  const weekEnd = computed(() => addZonedDays(weekStart.value, 7))

  function reload() {
    return load({ from: toZonedIso(weekStart.value), to: toZonedIso(weekEnd.value), duration_minutes: duration.value })
  }

  /** A time inside the studio's minimum notice would be refused (booking_notice_too_short): not offered. */
  function bookable(startsAt: DateTimeString): boolean {
    return Date.parse(startsAt) >= Date.now() + policy.minBookingNoticeHours * 3600_000
  }

  watch([weekStart, duration], reload)
  watch(thisWeek, (week) => {
    weekStart.value = week
  })
  onMounted(() => {
    void policy.ensure()
    void reload()
  })

  return { duration, thisWeek, weekStart, weekEnd, bookable, reload }
}

/** Items grouped by their day in the profile's zone, days in order, each day's items as given. */
export function groupByDay<T>(items: readonly T[], startsAt: (item: T) => DateTimeString): { key: string; items: T[] }[] {
  const byDay = new Map<string, T[]>()
  for (const item of items) {
    const key = localDayKey(startsAt(item), viewerTimeZone())
    byDay.set(key, [...(byDay.get(key) ?? []), item])
  }
  return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, grouped]) => ({ key, items: grouped }))
}

/**
 * Confirming a chosen time in BookingFormDialog: books through the booking store (its idempotency
 * key), then opens the student's lessons. A taken time closes the dialog; the store has refreshed
 * the list and raised its notice by then.
 */
export function useBookingConfirm(duration: Ref<number>) {
  const { t } = useI18n()
  const fmt = useFormat()
  const errorText = useErrorText()
  const toast = useToast()
  const router = useRouter()
  const store = useBookingStore()

  const chosen = ref<Slot | null>(null)
  const dialogVisible = ref(false)
  const bookingError = ref<string | null>(null)
  // Make-up credits the student may pay a lesson with (the count only; failures just hide the option).
  const makeupsLeft = ref(0)
  const useMakeup = ref(false)
  onMounted(async () => {
    makeupsLeft.value = (await makeupsApi.myCredits().catch(() => null))?.available ?? 0
  })

  function choose(slot: Slot) {
    chosen.value = slot
    bookingError.value = null
    dialogVisible.value = true
  }

  async function confirm(teacherId: string | null) {
    if (!chosen.value || !teacherId) return
    try {
      await store.book(teacherId, chosen.value, duration.value, useMakeup.value)
      dialogVisible.value = false
      toast.add({ severity: 'success', summary: t('booking.booked'), detail: fmt.dateTime(chosen.value.starts_at), life: 5000 })
      await router.push({ name: 'student-lessons' })
    } catch (error) {
      if (isApiError(error) && error.code === 'slot_taken') {
        dialogVisible.value = false
        chosen.value = null
      } else {
        bookingError.value = errorText(error)
      }
    }
  }

  return { chosen, dialogVisible, bookingError, makeupsLeft, useMakeup, choose, confirm }
}
