import { defineStore } from 'pinia'
import { ref } from 'vue'
import { authApi } from '@/api'
import type { NotificationCategory, PreferencesUpdate, TelegramLink } from '@/api'
import { useResource } from '@/composables/useResource'

export const CATEGORIES: NotificationCategory[] = ['lessons', 'reminders', 'billing', 'account', 'news']
export const CHANNELS = ['email', 'telegram', 'sms', 'push'] as const

export const useProfileStore = defineStore('profile', () => {
  const { data: preferences, loading, error, load } = useResource(authApi.preferences)
  const saving = ref(false)
  const linking = ref(false)
  const link = ref<TelegramLink | null>(null)

  async function save(data: PreferencesUpdate) {
    saving.value = true
    try {
      preferences.value = await authApi.savePreferences(data)
    } finally {
      saving.value = false
    }
  }

  /** A one-time token for the bot's `/start`; the deep link opens the bot with it. */
  async function linkTelegram() {
    linking.value = true
    try {
      link.value = await authApi.telegramLink()
      return link.value
    } finally {
      linking.value = false
    }
  }

  return { preferences, loading, error, saving, linking, link, load, save, linkTelegram }
})
