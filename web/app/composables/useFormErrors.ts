import type { Ref } from 'vue'
import { isApiError } from '~/utils/problem'

interface FormLike {
  setErrors: (errors: { name: string; message: string }[]) => void
}

/**
 * Show an API validation failure next to the inputs it names (the form's field names match the API's),
 * and whatever is left over in a summary alert.
 */
export function useFormErrors(form: Ref<FormLike | null | undefined>) {
  const { t } = useI18n()
  const summary = ref<string | null>(null)

  function apply(error: unknown, fieldNames: string[]) {
    summary.value = null
    if (!isApiError(error)) {
      summary.value = String(error)
      return
    }
    const byField = error.fieldErrors
    const known = Object.entries(byField).filter(([name]) => fieldNames.includes(name))
    form.value?.setErrors(known.map(([name, message]) => ({ name, message })))
    const rest = (error.problem.errors ?? []).filter((e) => !e.field || !fieldNames.includes(e.field))
    if (known.length === 0 || rest.length > 0) {
      summary.value = describeProblem({ ...error.problem, errors: rest }, t)
    }
  }

  function clear() {
    summary.value = null
    form.value?.setErrors([])
  }

  return { summary, apply, clear }
}
