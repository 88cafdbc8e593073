import { afterEach, describe, expect, it } from 'vitest'
import { useAvailabilityStore } from '@/features/availability/store'
import { useSessionStore } from '@/stores/session'
import { browserTimeZone, setViewerTimeZone } from '@/utils/format'
import { createHarness, problem, stubFetch, USERS } from '../../helpers'

const PROFILE_ZONE = 'Asia/Vladivostok'

describe("a teacher's first hours", () => {
  afterEach(() => setViewerTimeZone(null))

  it("start in the zone saved in her profile, not the browser's", async () => {
    expect(browserTimeZone()).not.toBe(PROFILE_ZONE)
    createHarness()
    useSessionStore().user = { ...USERS.teacher, profile: { id: 'u-teacher', timezone: PROFILE_ZONE } } as never
    stubFetch(() => problem(404, 'not_found'))
    const store = useAvailabilityStore()
    await store.load()
    expect(store.error).toBeNull()
    expect(store.availability).toEqual({ timezone: PROFILE_ZONE, rules: [] })
  })

  it("without a profile zone: the zone the person saved in their preferences", async () => {
    createHarness()
    useSessionStore().user = { ...USERS.teacher, profile: null } as never
    setViewerTimeZone('Asia/Yekaterinburg')
    stubFetch(() => problem(404, 'not_found'))
    const store = useAvailabilityStore()
    await store.load()
    expect(store.availability.timezone).toBe('Asia/Yekaterinburg')
  })
})
