import { computed, inject, provide, ref, type ComputedRef, type InjectionKey } from 'vue'
import { useI18n } from 'vue-i18n'
import { useErrorText } from '@/composables/useErrorText'
import { fieldErrors } from '@/utils/fieldErrors'

const FORM_ERRORS: InjectionKey<ComputedRef<Record<string, string>>> = Symbol('form-errors')

/**
 * The one way a form shows what is wrong: its own checks (`check`) and the server's refusal
 * (`problem`: a 422/400 naming fields, or a code tied to a field such as `email_taken`) mark the
 * fields; anything else is said once under the form (`failure`). The `FormField`s inside read the
 * marks (provide/inject), so a dialog only names its fields.
 */
export function useFormErrors(problem: () => unknown) {
  const { t, te } = useI18n()
  const errorText = useErrorText()
  const local = ref<Record<string, string>>({})
  const server = computed(() => fieldErrors(problem(), t, te))
  const errors = computed(() => ({ ...server.value, ...local.value }))
  const failure = computed(() => {
    const refused = problem()
    if (!refused) return null
    if (typeof refused === 'string') return refused
    return Object.keys(server.value).length ? t('screens.fieldErrors.summary') : errorText(refused)
  })

  /** Marks the fields the form's own checks found; true when there are none. */
  function check(found: Record<string, string>): boolean {
    local.value = found
    return Object.keys(found).length === 0
  }

  function reset() {
    local.value = {}
  }

  provide(FORM_ERRORS, errors)
  return { errors, failure, check, reset }
}

/** The marks of the enclosing form (empty outside one). */
export function injectFormErrors(): ComputedRef<Record<string, string>> {
  return inject(
    FORM_ERRORS,
    computed(() => ({})),
  )
}
