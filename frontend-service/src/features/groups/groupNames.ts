import { ref } from 'vue'
import { adminApi } from '@/api'

/** Group names by id for screens that show a group's lessons (the studio calendar); each screen
 * that uses them loads the list once when it mounts, so a group activated meanwhile is named. */
const names = ref<Map<string, string>>(new Map())

export function useGroupNames() {
  adminApi
    .groups({ size: 100 })
    .then((page) => {
      names.value = new Map(page.items.map((group) => [group.id, group.name]))
    })
    .catch(() => {
      // The calendar still shows the roster instead of the name.
    })
  return (groupId: string | null | undefined): string | null => (groupId ? (names.value.get(groupId) ?? null) : null)
}
