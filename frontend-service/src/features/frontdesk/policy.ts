import { defineStore } from 'pinia'
import { computed } from 'vue'
import { frontdeskApi } from '@/api'
import { useResource } from '@/composables/useResource'

/** The cancellation notice lessons-service enforces (`GET /api/booking/policy`), read once per visit. */
export const useBookingPolicyStore = defineStore('booking-policy', () => {
  const resource = useResource(frontdeskApi.policy)
  const noticeHours = computed(() => resource.data.value?.cancel_notice_hours ?? null)
  /** A student books at least this many hours ahead (0: no minimum); the server refuses sooner times. */
  const minBookingNoticeHours = computed(() => resource.data.value?.min_booking_notice_hours ?? 0)

  function ensure() {
    if (resource.data.value || resource.loading.value) return Promise.resolve(resource.data.value)
    return resource.load()
  }

  return { noticeHours, minBookingNoticeHours, loading: resource.loading, error: resource.error, ensure }
})
