import { ApiError } from '~/utils/problem'

/** Load one thing with loading and error state; `reload` runs the loader again. */
export function useResource<T>(loader: () => Promise<T>, options: { immediate?: boolean } = {}) {
  const data = ref<T | null>(null) as Ref<T | null>
  const loading = ref(options.immediate !== false)
  const error = ref<ApiError | null>(null)

  async function reload() {
    loading.value = true
    error.value = null
    try {
      data.value = await loader()
    } catch (e) {
      error.value = e instanceof ApiError ? e : new ApiError({ status: 0, title: String(e) })
    } finally {
      loading.value = false
    }
  }
  if (options.immediate !== false) onMounted(reload)
  return { data, loading, error, reload }
}
