/** Set beside the (unreadable, HttpOnly) session cookie at sign-in; without it there is no session to ask about. */
export const SIGNED_IN_HINT = 'internhub_signed_in'

/** Whether ``cookie`` (``document.cookie``) carries the sign-in hint. */
export function hasSignedInHint(cookie: string): boolean {
  return cookie.split(';').some((c) => c.trim().startsWith(`${SIGNED_IN_HINT}=`) && c.trim().length > SIGNED_IN_HINT.length + 1)
}
