/** Spaces calls evenly to at most `perSecond` a second across every lane; 0 lets them through at once. */
export function createRateLimiter(perSecond: number): { take(): Promise<void> } {
  if (perSecond <= 0) return { take: async () => {} }
  const interval = 1000 / perSecond
  let nextAt = 0
  return {
    async take() {
      const now = Date.now()
      const at = Math.max(now, nextAt)
      nextAt = at + interval
      if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now))
    },
  }
}
