import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { adminApi } from '@/api'
import type { Lead, LeadStatus } from '@/api'
import { useResource } from '@/composables/useResource'

export const FUNNEL: LeadStatus[] = ['new', 'contacted', 'trial_scheduled', 'trial_done', 'follow_up', 'won', 'lost']
/** The board shows the newest leads of every status; the BFF caps a page at 100. */
export const BOARD_SIZE = 100

export const useLeadsStore = defineStore('admin-leads', () => {
  const page = useResource(() => adminApi.leads({ size: BOARD_SIZE }))
  const { loading, error, load } = page
  const leads = ref<Lead[] | null>(null)
  const total = computed(() => page.data.value?.total ?? 0)
  watch(page.data, (value) => {
    leads.value = value ? value.items : null
  })
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

  return { leads, total, columns, loading, error, updating, load, move }
})
