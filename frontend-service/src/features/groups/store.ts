import { defineStore } from 'pinia'
import { ref } from 'vue'
import { adminApi } from '@/api'
import type { AdminGroupCreate } from '@/api'
import { useResource } from '@/composables/useResource'

export const useGroupsStore = defineStore('admin-groups', () => {
  const list = useResource(adminApi.groups)
  const detail = useResource(adminApi.group)
  const saving = ref(false)

  async function run<T>(action: () => Promise<T>): Promise<T> {
    saving.value = true
    try {
      return await action()
    } finally {
      saving.value = false
    }
  }

  const create = (data: AdminGroupCreate) =>
    run(async () => {
      const group = await adminApi.createGroup(data)
      await list.load()
      return group
    })

  const addMember = (groupId: string, studentId: string) =>
    run(async () => {
      await adminApi.addMember(groupId, studentId)
      await detail.load(groupId)
    })

  /** One atomic move on the server; the history keeps both sides. */
  const moveMember = (groupId: string, studentId: string, toGroupId: string) =>
    run(async () => {
      await adminApi.moveMember(groupId, studentId, toGroupId)
      await Promise.all([detail.load(groupId), list.load()])
    })

  /** Students matching a search, minus those already in the group (for the "add member" picker). */
  async function findStudentsToAdd(q: string) {
    const page = await adminApi.students({ q, page: 1, page_size: 10 })
    const memberIds = new Set(detail.data.value?.members.map((member) => member.id))
    return page.items.filter((student) => !memberIds.has(student.id))
  }

  return {
    groups: list.data,
    listLoading: list.loading,
    listError: list.error,
    group: detail.data,
    detailLoading: detail.loading,
    detailError: detail.error,
    saving,
    loadGroups: list.load,
    loadGroup: detail.load,
    create,
    addMember,
    moveMember,
    findStudentsToAdd,
  }
})
