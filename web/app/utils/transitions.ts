import type { ApplicationStatus } from '~/api/types'

/** The hiring pipeline in order; rejected and withdrawn are exits from any open step. */
export const PIPELINE: ApplicationStatus[] = ['new', 'screening', 'interview', 'offer', 'hired']
export const FINAL: ApplicationStatus[] = ['hired', 'rejected', 'withdrawn']

/**
 * Where an application may go next, mirroring the API's rule (forward along the pipeline, skipping
 * steps is fine, or out by rejection or withdrawal). Only a hint for the board: the API decides.
 */
export function allowedTargets(current: ApplicationStatus): ApplicationStatus[] {
  if (FINAL.includes(current)) return []
  const later = PIPELINE.slice(PIPELINE.indexOf(current) + 1)
  return [...later, 'rejected', 'withdrawn']
}

export function canMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return from !== to && allowedTargets(from).includes(to)
}

/** Each status's own colour, for the bars that count applications by status. */
export const STATUS_COLORS: Record<ApplicationStatus, string> = {
  new: '#0ea5e9',
  screening: '#8b5cf6',
  interview: '#6366f1',
  offer: '#f59e0b',
  hired: '#22c55e',
  rejected: '#ef4444',
  withdrawn: '#94a3b8',
}
