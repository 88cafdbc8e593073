import type { AdminDashboard, LeadStatus } from '@/api'
import { FUNNEL } from '@/features/leads/store'

export interface FunnelPoint {
  status: LeadStatus
  count: number
}

/**
 * The BFF counts leads per status and leaves out statuses nobody is in; the chart wants every
 * stage of the funnel, in funnel order, so an empty stage shows as zero rather than vanishing.
 * Nothing at all (no leads yet) stays empty, so the chart can say so.
 */
export function funnelPoints(funnel: AdminDashboard['trial_funnel'] | null | undefined): FunnelPoint[] {
  const counts = funnel ?? {}
  if (!FUNNEL.some((status) => (counts[status] ?? 0) > 0)) return []
  return FUNNEL.map((status) => ({ status, count: counts[status] ?? 0 }))
}
