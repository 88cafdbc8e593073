import { defineStore } from 'pinia'
import { computed } from 'vue'
import { studentApi } from '@/api'
import type { TeacherCard } from '@/api'
import { useResource } from '@/composables/useResource'

/**
 * Teacher cards (`GET /api/teachers`, cached by the BFF) for every screen that shows teachers: the
 * booking list and the names on the `teacher_id`s that groups and lessons carry. Loaded once per
 * session (a failure leaves names unknown). The admin's records are `useTeachersStore`.
 */
export const useTeacherDirectory = defineStore('teacher-directory', () => {
  const { data, loading, error, load } = useResource(studentApi.teachers)
  let pending: Promise<unknown> | null = null

  const byId = computed(() => new Map((data.value ?? []).map((teacher) => [teacher.id, teacher])))

  function ensureLoaded(): Promise<unknown> {
    pending ??= load().then((result) => {
      if (result === null) pending = null
    })
    return pending
  }

  function find(id: string | null | undefined): TeacherCard | null {
    return id ? (byId.value.get(id) ?? null) : null
  }

  /** Asks again (the retry of a failed list). */
  function reload(): Promise<unknown> {
    pending = load().then((result) => {
      if (result === null) pending = null
    })
    return pending
  }

  return { teachers: data, loading, error, byId, ensureLoaded, reload, find }
})
