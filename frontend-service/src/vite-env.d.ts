/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_TELEGRAM_SDK_URL?: string
  /** The bot behind the web Telegram Login Widget; empty = no widget, no script loaded. */
  readonly VITE_TELEGRAM_BOT_USERNAME?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
