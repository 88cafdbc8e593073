import { nextTick, onBeforeUnmount, onMounted, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'
import { useToast } from 'primevue/usetoast'
import { useSessionStore } from '@/stores/session'

const PREFIX = 'studio.draft:'
// A draft older than this is someone's forgotten work, not the form they were just filling.
const MAX_AGE_MS = 12 * 3600_000

interface Stored {
  user: string | null
  savedAt: number
  value: unknown
}

// The forms on screen now: each gives what it holds (null when it holds nothing worth keeping).
const open = new Map<string, () => unknown>()

function storage(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}

/**
 * Keeps what every open form holds, for the same person to get it back after logging in again
 * (called when the session expires, before the app leaves for the login page). Per tab
 * (sessionStorage): nothing outlives the browser tab.
 */
export function saveDrafts(userId: string | null | undefined): void {
  const store = storage()
  if (!store) return
  for (const [key, snapshot] of open) {
    const value = snapshot()
    if (value === null || value === undefined) continue
    const stored: Stored = { user: userId ?? null, savedAt: Date.now(), value }
    try {
      store.setItem(PREFIX + key, JSON.stringify(stored))
    } catch {
      // Storage full or refused: the form is lost as before, the login still happens.
    }
  }
}

function take(key: string, userId: string | null | undefined): unknown {
  const store = storage()
  const raw = store?.getItem(PREFIX + key)
  if (!store || !raw) return null
  store.removeItem(PREFIX + key)
  try {
    const stored = JSON.parse(raw) as Stored
    if (stored.user !== (userId ?? null) || Date.now() - stored.savedAt > MAX_AGE_MS) return null
    return stored.value
  } catch {
    return null
  }
}

/**
 * A form whose content survives a session expiry: `snapshot` says what it holds (null: nothing,
 * e.g. the dialog is closed), `restore` puts a saved draft back (and opens the dialog). The draft
 * is keyed by the page's address and the form's name, and given back only to the same person.
 */
export function useDraft<T>(name: string, snapshot: () => T | null, restore: (value: T) => void | Promise<void>) {
  const route = useRoute()
  const session = useSessionStore()
  const toast = useToast()
  const { t } = useI18n()
  const key = `${route.path}#${name}`

  open.set(key, snapshot)
  onBeforeUnmount(() => {
    if (open.get(key) === snapshot) open.delete(key)
  })
  onMounted(async () => {
    const value = take(key, session.user?.id)
    if (value === null || value === undefined) return
    await restore(value as T)
    toast.add({ severity: 'info', summary: t('screens.draft.restored'), life: 6000 })
  })
}

/** `useDraft` for a dialog's form: kept while the dialog is open, given back with it open. */
export function useDialogDraft<T extends object>(name: string, visible: Ref<boolean>, form: T) {
  useDraft(
    name,
    () => (visible.value ? { ...form } : null),
    async (draft: T) => {
      visible.value = true
      // The dialog resets its form when it opens; the draft goes in after that.
      await nextTick()
      Object.assign(form, draft)
    },
  )
}
