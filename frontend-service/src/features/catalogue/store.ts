import { defineStore } from 'pinia'
import { ref } from 'vue'
import { catalogueApi } from '@/api'
import type { PackageTemplateCreate, PackageTemplateUpdate } from '@/api'
import { useResource } from '@/composables/useResource'

/** The admin's package catalogue, archived templates included (shown as such). */
export const useCatalogueStore = defineStore('admin-catalogue', () => {
  const { data: templates, loading, error, load } = useResource(() => catalogueApi.templates(true))
  const saving = ref(false)

  async function save(templateId: string | null, data: PackageTemplateCreate | PackageTemplateUpdate) {
    saving.value = true
    try {
      if (templateId) await catalogueApi.updateTemplate(templateId, data)
      else await catalogueApi.createTemplate(data as PackageTemplateCreate)
      await load()
    } finally {
      saving.value = false
    }
  }

  return { templates, loading, error, saving, load, save }
})
