import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { adminApi } from '@/api'
import type { Lead, LeadStatus } from '@/api'
import { useResource } from '@/composables/useResource'

export const FUNNEL: LeadStatus[] = ['new', 'contacted', 'trial_scheduled', 'converted', 'lost']

export const useLeadsStore = defineStore('admin-leads', () => {
  const { data: leads, loading, error, load } = useResource(adminApi.leads)
  const updating = ref<string | null>(null)

  const columns = computed(() =>
    FUNNEL.map((status) => ({
      status,
      leads: (leads.value ?? [])
        .filter((lead) => lead.status === status)
        .sort((a, b) => b.created_at.localeCompare(a.created_at)),
    })),
  )

  /** Moves a card at once and puts it back if the server refuses. */
  async function move(lead: Lead, status: LeadStatus) {
    if (lead.status === status) return
    const before = leads.value
    leads.value = (before ?? []).map((item) => (item.id === lead.id ? { ...item, status } : item))
    updating.value = lead.id
    try {
      const saved = await adminApi.updateLead(lead.id, status)
      if (saved) leads.value = (leads.value ?? []).map((item) => (item.id === lead.id ? { ...item, ...saved } : item))
    } catch (caught) {
      leads.value = before
      throw caught
    } finally {
      updating.value = null
    }
  }

  return { leads, columns, loading, error, updating, load, move }
})
