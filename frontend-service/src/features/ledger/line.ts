import type { LedgerEntry } from '@/api'
import { formatDate } from '@/utils/format'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** A calendar date (`YYYY-MM-DD`) in the UI language, never shifted by a time zone. */
function calendarDate(value: string, locale: string): string {
  return formatDate(new Date(`${value}T12:00:00Z`), locale, 'UTC')
}

/**
 * A ledger line in the UI language, from the code and parameters students-service sends; the
 * admin's own comment is added as typed. A line of unknown shape shows the stored text.
 */
export function ledgerLine(entry: LedgerEntry, t: Translate, locale: string): string {
  const params = entry.params ?? {}
  const text = (name: string) => (params[name] === undefined ? '' : String(params[name]))
  const method = text('method') ? t(`payments.methods.${text('method')}`) : ''
  let line: string
  switch (entry.code) {
    case 'payment':
    case 'package_payment':
    case 'refund':
      line = t(`screens.ledgerLines.${entry.code}`, { method })
      break
    case 'adjustment':
      line = t('screens.ledgerLines.adjustment')
      break
    case 'lesson_charge':
    case 'late_cancel_charge': {
      const kind = t(`kinds.${text('lesson_kind')}`)
      line = t(`screens.ledgerLines.${entry.code}`, {
        kind: entry.code === 'late_cancel_charge' ? kind.toLocaleLowerCase(locale) : kind,
        date: calendarDate(text('lesson_date'), locale),
      })
      break
    }
    case 'package_purchase':
      line = t(text('name') ? 'screens.ledgerLines.package_purchase' : 'screens.ledgerLines.package_purchase_unnamed', {
        name: text('name'),
        lessons: params.lessons,
        kind: t(`catalogue.kinds.${text('package_kind')}`).toLocaleLowerCase(locale),
        until: calendarDate(text('valid_until'), locale),
      })
      break
    default:
      return text('text') || entry.description || '—'
  }
  return text('comment') ? `${line} — ${text('comment')}` : line
}
