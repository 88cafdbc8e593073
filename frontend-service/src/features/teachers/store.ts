import { defineStore } from 'pinia'
import { ref } from 'vue'
import { adminApi } from '@/api'
import type { AdminTeacherCreate } from '@/api'
import { useResource } from '@/composables/useResource'

export const useTeachersStore = defineStore('admin-teachers', () => {
  const { data: teachers, loading, error, load } = useResource(() => adminApi.teachers({ size: 100 }))
  const saving = ref(false)

  async function create(data: AdminTeacherCreate) {
    saving.value = true
    try {
      const teacher = await adminApi.createTeacher(data)
      await load()
      return teacher
    } finally {
      saving.value = false
    }
  }

  return { teachers, loading, error, saving, load, create }
})
