import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { routes } from '@/router/routes'

const router = createRouter({ history: createMemoryHistory(), routes })

async function tokenProp(path: string): Promise<unknown> {
  await router.push(path)
  const route = router.currentRoute.value
  const props = route.matched[0]?.props.default
  return typeof props === 'function' ? props(route) : undefined
}

describe('one-time links', () => {
  it.each(['invite', 'reset-password', 'verify-email'])('reads the %s token from the fragment, never the path', async (name) => {
    const route = router.resolve(`/${name}#tok_-9`)
    expect(route.name).toBe(name)
    expect(route.path).toBe(`/${name}`)
    expect(await tokenProp(`/${name}#tok_-9`)).toEqual({ token: 'tok_-9' })
  })

  it.each(['invite', 'reset-password', 'verify-email'])('moves an old /%s/<token> link into the fragment', async (name) => {
    await router.push(`/${name}/old-token`)
    expect(router.currentRoute.value.name).toBe(name)
    expect(router.currentRoute.value.fullPath).toBe(`/${name}#old-token`)
  })
})
