import type { BroadcastAudience, BroadcastCreate } from '@/api'

export const SUBJECT_MAX = 200
export const BODY_MAX = 5000

export interface BroadcastDraft {
  audience: BroadcastAudience
  groupId: string | null
  subject: string
  body: string
}

export type DraftErrors = Partial<Record<'groupId' | 'subject' | 'body', 'required' | 'tooLong'>>

export function emptyDraft(): BroadcastDraft {
  return { audience: 'all_students', groupId: null, subject: '', body: '' }
}

/** What notifications-service would refuse, checked before sending. */
export function checkDraft(draft: BroadcastDraft): DraftErrors {
  const errors: DraftErrors = {}
  if (draft.audience === 'group' && !draft.groupId) errors.groupId = 'required'
  const subject = draft.subject.trim()
  if (!subject) errors.subject = 'required'
  else if (subject.length > SUBJECT_MAX) errors.subject = 'tooLong'
  const body = draft.body.trim()
  if (!body) errors.body = 'required'
  else if (body.length > BODY_MAX) errors.body = 'tooLong'
  return errors
}

/** The request body: `group_id` only with the `group` audience (the server refuses it otherwise). */
export function toRequest(draft: BroadcastDraft): BroadcastCreate {
  const base = { subject: draft.subject.trim(), body: draft.body.trim() }
  return draft.audience === 'group' && draft.groupId
    ? { audience: 'group', group_id: draft.groupId, ...base }
    : { audience: 'all_students', ...base }
}
