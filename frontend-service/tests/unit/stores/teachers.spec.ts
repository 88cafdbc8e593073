import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useTeacherDirectory } from '@/stores/teachers'
import { teacherCard } from '../fixtures'
import { jsonResponse, problem, stubFetch } from '../helpers'

describe('teacher directory', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('loads the cards once however many screens ask', async () => {
    const calls = stubFetch(() => jsonResponse(200, [teacherCard]))
    const directory = useTeacherDirectory()

    await Promise.all([directory.ensureLoaded(), directory.ensureLoaded()])
    await directory.ensureLoaded()

    expect(calls.map((call) => call.url)).toEqual(['/api/teachers'])
    expect(directory.find('t1')?.last_name).toBe('Smith')
    expect(directory.find('unknown')).toBeNull()
    expect(directory.find(null)).toBeNull()
  })

  it('tries again after a failure', async () => {
    let fail = true
    const calls = stubFetch(() => (fail ? problem(503, 'upstream_unavailable') : jsonResponse(200, [teacherCard])))
    const directory = useTeacherDirectory()

    await directory.ensureLoaded()
    expect(directory.find('t1')).toBeNull()
    fail = false
    await directory.ensureLoaded()

    expect(calls).toHaveLength(2)
    expect(directory.find('t1')?.first_name).toBe('John')
  })
})
