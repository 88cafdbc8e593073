import { defineStore } from 'pinia'
import { computed } from 'vue'
import { frontdeskApi } from '@/api'
import { useResource } from '@/composables/useResource'

/** The cancellation notice lessons-service enforces (`GET /api/booking/policy`), read once per visit. */
export const useBookingPolicyStore = defineStore('booking-policy', () => {
  const resource = useResource(frontdeskApi.policy)
  const noticeHours = computed(() => resource.data.value?.cancel_notice_hours ?? null)

  function ensure() {
    if (resource.data.value || resource.loading.value) return Promise.resolve(resource.data.value)
    return resource.load()
  }

  return { noticeHours, loading: resource.loading, error: resource.error, ensure }
})
