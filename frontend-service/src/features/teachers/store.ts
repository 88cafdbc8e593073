import { defineStore } from 'pinia'
import { ref } from 'vue'
import { adminApi } from '@/api'
import type { AdminTeacherCreate, AdminTeacherUpdate } from '@/api'
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

  /** Edit, deactivate or reactivate: the list shows the server's answer in place. */
  async function update(id: string, data: AdminTeacherUpdate) {
    saving.value = true
    try {
      const teacher = await adminApi.updateTeacher(id, data)
      replace(teacher)
      return teacher
    } finally {
      saving.value = false
    }
  }

  async function resendInvitation(id: string) {
    saving.value = true
    try {
      const teacher = await adminApi.resendTeacherInvitation(id)
      replace(teacher)
      return teacher
    } finally {
      saving.value = false
    }
  }

  function replace(teacher: { id: string }) {
    if (!teachers.value) return
    teachers.value = {
      ...teachers.value,
      items: teachers.value.items.map((item) => (item.id === teacher.id ? { ...item, ...teacher } : item)),
    }
  }

  return { teachers, loading, error, saving, load, create, update, resendInvitation }
})
