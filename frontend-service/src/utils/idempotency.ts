/**
 * One Idempotency-Key per user attempt: a retry of the same request (same payload, after a
 * network error or a 5xx) reuses the key so the server replays instead of acting twice;
 * a different payload or a settled attempt gets a fresh key.
 */
export class IdempotentAttempt {
  private key: string | undefined
  private fingerprint: string | undefined

  keyFor(payload: unknown): string {
    const fingerprint = JSON.stringify(payload)
    if (this.key && this.fingerprint === fingerprint) return this.key
    this.fingerprint = fingerprint
    this.key = crypto.randomUUID()
    return this.key
  }

  /** The attempt has a definite outcome (success or a 4xx); the next one is new. */
  settle(): void {
    this.key = undefined
    this.fingerprint = undefined
  }
}

/** Whether a failed call may be retried with the same key (the outcome is unknown). */
export function isRetryable(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status !== 'number' || status === 0 || status >= 500
}
