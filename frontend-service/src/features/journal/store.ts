import { defineStore } from 'pinia'
import { ref } from 'vue'
import { teacherApi } from '@/api'
import type { AttendanceUpdate } from '@/api'
import { useResource } from '@/composables/useResource'

export const useJournalStore = defineStore('lesson-journal', () => {
  const { data: lesson, loading, error, load } = useResource(teacherApi.lesson)
  const saving = ref(false)
  const completing = ref(false)

  async function saveAttendance(id: string, data: AttendanceUpdate) {
    saving.value = true
    try {
      await teacherApi.saveAttendance(id, data)
      await load(id)
    } finally {
      saving.value = false
    }
  }

  async function complete(id: string, data: AttendanceUpdate) {
    completing.value = true
    try {
      // The journal is saved first so the completion event carries this attendance.
      await teacherApi.saveAttendance(id, data)
      await teacherApi.completeLesson(id)
      await load(id)
    } finally {
      completing.value = false
    }
  }

  return { lesson, loading, error, saving, completing, load, saveAttendance, complete }
})
