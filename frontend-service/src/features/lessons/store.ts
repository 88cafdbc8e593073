import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { studentApi } from '@/api'
import type { CancelResult, StudentLesson } from '@/api'
import { useResource } from '@/composables/useResource'
import { addDays, toOffsetIso } from '@/utils/format'

/** The BFF refuses a range over 186 days (`range_too_large`); 90 + 120 used to break the page. */
export const MAX_RANGE_DAYS = 186
export const PAST_DAYS = 60
export const FUTURE_DAYS = 120

export const useLessonsStore = defineStore('student-lessons', () => {
  const { data: lessons, loading, error, load: fetchLessons } = useResource(studentApi.lessons)
  const cancelling = ref(false)

  // A cancelled lesson is history, not something coming up: it moves to the second tab at once.
  const isUpcoming = (lesson: StudentLesson) =>
    lesson.status !== 'cancelled' && new Date(lesson.ends_at).getTime() >= Date.now()
  const upcoming = computed(() =>
    (lessons.value ?? []).filter(isUpcoming).sort((a, b) => a.starts_at.localeCompare(b.starts_at)),
  )
  const past = computed(() =>
    (lessons.value ?? []).filter((lesson) => !isUpcoming(lesson)).sort((a, b) => b.starts_at.localeCompare(a.starts_at)),
  )

  function load() {
    const now = new Date()
    return fetchLessons(toOffsetIso(addDays(now, -PAST_DAYS)), toOffsetIso(addDays(now, FUTURE_DAYS)))
  }

  async function cancel(id: string, reason?: string): Promise<CancelResult> {
    cancelling.value = true
    try {
      const result = await studentApi.cancelLesson(id, reason ? { reason } : {})
      lessons.value = (lessons.value ?? []).map((lesson) => (lesson.id === id ? { ...lesson, ...result.lesson } : lesson))
      return result
    } finally {
      cancelling.value = false
    }
  }

  return { lessons, upcoming, past, loading, error, cancelling, load, cancel }
})
