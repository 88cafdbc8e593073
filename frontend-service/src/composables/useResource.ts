import { ref, shallowRef, type Ref } from 'vue'

/**
 * Loading / error / data for one server read. Only the latest call may write its result,
 * so a slow earlier response never overwrites a newer one.
 */
export function useResource<T, A extends unknown[]>(loader: (...args: A) => Promise<T>) {
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let sequence = 0

  async function load(...args: A): Promise<T | null> {
    const mine = ++sequence
    loading.value = true
    error.value = null
    try {
      const result = await loader(...args)
      if (mine === sequence) data.value = result
      return result
    } catch (caught) {
      if (mine === sequence) error.value = caught
      return null
    } finally {
      if (mine === sequence) loading.value = false
    }
  }

  return { data, loading, error, load }
}
