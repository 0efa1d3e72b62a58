import type { Ref } from 'vue'

interface FormLike {
  setErrors: (errors: { name: string; message: string }[]) => void
}

/**
 * What every form that saves a record does around its save: a busy flag for the button, the API's field errors
 * shown next to the inputs they name (and the rest in a summary), and the saved record handed on.
 *
 *   const { errors, busy, submit } = useEntityForm(state, async (data) => await ok(api.POST(..., { body: data })), (saved) => emit('saved', saved))
 *
 * The template's `<UForm ref="form" ... @submit="submit">` is the form it shows the errors on.
 */
export function useEntityForm<T, D = unknown>(state: object, save: (data: D) => Promise<T>, done: (saved: T) => void) {
  const form = useTemplateRef<FormLike>('form') as Ref<FormLike | null>
  const errors = useFormErrors(form)
  const busy = ref(false)

  /** The form's submit: ``data`` is what its schema made of the inputs (checked, trimmed). */
  async function submit(event: { data: D }) {
    busy.value = true
    errors.clear()
    try {
      done(await save(event.data))
    } catch (error) {
      errors.apply(error, Object.keys(state))
    } finally {
      busy.value = false
    }
  }

  return { errors, busy, submit }
}
