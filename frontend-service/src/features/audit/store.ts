import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useResource } from '@/composables/useResource'
import { auditApi } from './api'

export const PAGE_SIZE = 25

export interface AuditFilters {
  from: Date | null
  to: Date | null
  actorId: string | null
  targetId: string
  action: string | null
}

export const emptyFilters = (): AuditFilters => ({ from: null, to: null, actorId: '', targetId: '', action: null })

export const useAuditStore = defineStore('admin-audit', () => {
  const { data: page, loading, error, load: fetchPage } = useResource(auditApi.list)
  // The people for the actor filter; the trail still works (by id) when they cannot be read.
  const { data: actors, load: loadActors } = useResource(auditApi.actors)
  // The name of the object the list is narrowed to, when picked from a row.
  const targetName = ref<string | null>(null)
  const filters = ref<AuditFilters>(emptyFilters())
  const pageNumber = ref(1)

  function load() {
    const f = filters.value
    // `to` is exclusive on the server: a picked day includes the whole day.
    const to = f.to ? new Date(f.to.getFullYear(), f.to.getMonth(), f.to.getDate() + 1) : null
    return fetchPage({
      from: f.from?.toISOString(),
      to: to?.toISOString(),
      actor_id: f.actorId?.trim() || undefined,
      target_id: f.targetId.trim() || undefined,
      action: f.action ?? undefined,
      page: pageNumber.value,
      size: PAGE_SIZE,
    })
  }

  function setFilters(value: AuditFilters, name: string | null = null) {
    filters.value = value
    targetName.value = value.targetId ? name : null
    pageNumber.value = 1
    return load()
  }

  function goToPage(value: number) {
    pageNumber.value = value
    return load()
  }

  return {
    page,
    loading,
    error,
    filters,
    pageNumber,
    actors,
    targetName,
    load,
    loadActors,
    setFilters,
    goToPage,
  }
})
