import type { ApplicationStatus } from '~/api/types'
import type { ApiError } from '~/utils/problem'
import { describeProblem } from '~/utils/problem'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** Why a move on the board was refused, in the reader's language when the API said which moves are allowed. */
export function refusedMoveMessage(error: ApiError, from: ApplicationStatus, to: ApplicationStatus, t: Translate): string {
  const allowed = error.problem.allowed
  if (error.status === 409 && allowed) {
    const head = t('applications.refused', { from: t(`status.application.${from}`), to: t(`status.application.${to}`) })
    const tail = allowed.length
      ? t('errors.allowed', { list: allowed.map((s) => t(`status.application.${s}`)).join(', ') })
      : t('errors.noneAllowed')
    return `${head} ${tail}`
  }
  return describeProblem(error.problem, t)
}
