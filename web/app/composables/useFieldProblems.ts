import { ApiError, describeProblem } from '~/utils/problem'

/**
 * For forms without UForm: `submit(work)` runs a save with `saving` on, and keeps what went wrong; a failed
 * save's field errors then show next to their fields (`fieldError`), the rest, with the server's sentence,
 * in one summary (`general`).
 */
export function useFieldProblems(shown: readonly string[]) {
  const { t } = useI18n()
  const failure = ref<ApiError | null>(null)

  function fieldError(name: string): string | undefined {
    return failure.value?.fieldErrors[name]
  }
  const general = computed(() => {
    const error = failure.value
    if (!error) return null
    const rest = (error.problem.errors ?? []).filter((e) => !e.field || !shown.includes(e.field))
    if (rest.length === 0 && (error.problem.errors ?? []).length > 0) return null
    return describeProblem({ ...error.problem, errors: rest }, t)
  })
  function capture(error: unknown) {
    failure.value = error instanceof ApiError ? error : new ApiError({ status: 0, title: String(error) })
  }
  function clear() {
    failure.value = null
  }
  const saving = ref(false)
  async function submit(work: () => Promise<void>) {
    clear()
    saving.value = true
    try {
      await work()
    } catch (error) {
      capture(error)
    } finally {
      saving.value = false
    }
  }
  return { fieldError, general, capture, clear, saving, submit }
}
