import { describe, expect, it } from 'vitest'
import { useResource } from '@/composables/useResource'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('useResource', () => {
  it('keeps the newest answer when an older request finishes last', async () => {
    const answers = [deferred<string>(), deferred<string>()]
    let call = 0
    const resource = useResource(() => answers[call++]!.promise)

    const first = resource.load()
    const second = resource.load()
    answers[1]!.resolve('week 2')
    await second
    answers[0]!.resolve('week 1')
    await first

    expect(resource.data.value).toBe('week 2')
    expect(resource.loading.value).toBe(false)
  })

  it('records the error, keeps the last data and clears the error on the next load', async () => {
    let fail = false
    const resource = useResource(async () => {
      if (fail) throw new Error('down')
      return 42
    })

    await resource.load()
    fail = true
    await resource.load()
    expect(resource.error.value).toBeInstanceOf(Error)
    expect(resource.data.value).toBe(42)

    fail = false
    const pending = resource.load()
    expect(resource.error.value).toBeNull()
    expect(resource.loading.value).toBe(true)
    await pending
    expect(resource.loading.value).toBe(false)
  })
})
