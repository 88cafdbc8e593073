import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { adminApi } from '@/api'
import type { AdminGroupCreate, AdminStudent } from '@/api'
import { useResource } from '@/composables/useResource'

/** The BFF caps a page at 100; a small studio's groups fit in one. */
export const GROUPS_PAGE_SIZE = 100

export type StudentName = Pick<AdminStudent, 'id' | 'first_name' | 'last_name'>

export const useGroupsStore = defineStore('admin-groups', () => {
  const list = useResource(() => adminApi.groups({ size: GROUPS_PAGE_SIZE }))
  const members = useResource(adminApi.members)
  const saving = ref(false)
  /** Names for the `student_id`s of memberships (the BFF sends ids only). */
  const names = ref<Map<string, StudentName>>(new Map())

  const groups = computed(() => list.data.value?.items ?? null)
  const groupById = computed(() => new Map((groups.value ?? []).map((group) => [group.id, group])))

  async function run<T>(action: () => Promise<T>): Promise<T> {
    saving.value = true
    try {
      return await action()
    } finally {
      saving.value = false
    }
  }

  function remember(students: StudentName[]) {
    const next = new Map(names.value)
    for (const student of students) next.set(student.id, student)
    names.value = next
  }

  /** Puts names on every student of the loaded group; one page of students covers most studios. */
  async function loadNames() {
    const ids = new Set([
      ...(members.data.value?.history ?? []).map((stay) => stay.student_id),
      ...(members.data.value?.members ?? []).map((stay) => stay.student_id),
    ])
    const missing = [...ids].filter((id) => !names.value.has(id))
    if (!missing.length) return
    try {
      remember((await adminApi.students({ size: 100 })).items)
      const still = missing.filter((id) => !names.value.has(id))
      remember(await Promise.all(still.map((id) => adminApi.student(id))))
    } catch {
      // Names are a nicety here; the ids still identify the students.
    }
  }

  async function loadGroup(groupId: string) {
    const tasks: Promise<unknown>[] = [members.load(groupId).then(loadNames)]
    if (!groups.value) tasks.push(list.load())
    await Promise.all(tasks)
  }

  const create = (data: AdminGroupCreate) =>
    run(async () => {
      const group = await adminApi.createGroup(data)
      await list.load()
      return group
    })

  const addMember = (groupId: string, student: StudentName) =>
    run(async () => {
      await adminApi.addMember(groupId, student.id)
      remember([student])
      await Promise.all([members.load(groupId), list.load()])
    })

  /** One atomic move on the server; the history keeps both sides. */
  const moveMember = (groupId: string, studentId: string, toGroupId: string) =>
    run(async () => {
      await adminApi.moveMember(groupId, studentId, toGroupId)
      await Promise.all([members.load(groupId), list.load()])
    })

  /** Students matching a search, minus those already in the group (for the "add member" picker). */
  async function findStudentsToAdd(search: string) {
    const page = await adminApi.students({ search, page: 1, size: 10 })
    const memberIds = new Set(members.data.value?.members.map((member) => member.student_id))
    return page.items.filter((student) => !memberIds.has(student.id))
  }

  return {
    groups,
    groupById,
    listLoading: list.loading,
    listError: list.error,
    members: members.data,
    detailLoading: members.loading,
    detailError: members.error,
    names,
    saving,
    loadGroups: list.load,
    loadGroup,
    create,
    addMember,
    moveMember,
    findStudentsToAdd,
  }
})
