import { useI18n } from 'vue-i18n'
import { errorMessage } from '@/utils/errors'

/** Turns any caught error into a sentence for the user in the current language. */
export function useErrorText() {
  const { t, te } = useI18n()
  return (error: unknown): string | null => (error ? errorMessage(error, t, te) : null)
}
