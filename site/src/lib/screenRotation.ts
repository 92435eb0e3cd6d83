/** How many of the latest bulletins the public screen (/pantalla/) rotates. */
export const SCREEN_BULLETINS = 8
/** Seconds each bulletin stays on the screen: a title and summary read from 3 m away, twice. */
export const SECONDS_PER_SLIDE = 12
/**
 * Seconds between the screen's reloads (meta refresh): a new bulletin or alert reaches the office's monitors
 * within five minutes, and a reload lands on a slide boundary as rarely as it can (8 × 12 s cycles).
 */
export const SCREEN_REFRESH_SECONDS = 300

/**
 * The CSS that rotates `count` slides without JavaScript: one keyframes block whose visible window is one
 * slide's share of the cycle, each slide delayed by its turn. A single slide does not move. Nothing in it comes
 * from content, so it is safe to inline.
 */
export function rotationCss(count: number): string {
  if (count < 2) return ''
  const cycle = count * SECONDS_PER_SLIDE
  const share = 100 / count
  // Half a second of fade at each end, as a share of the cycle.
  const fade = (0.5 / cycle) * 100
  const pct = (value: number) => `${Number(value.toFixed(3))}%`
  const steps = [
    `0%{opacity:0;visibility:visible}`,
    `${pct(fade)}{opacity:1;visibility:visible}`,
    `${pct(share - fade)}{opacity:1;visibility:visible}`,
    `${pct(share)}{opacity:0;visibility:hidden}`,
    `100%{opacity:0;visibility:hidden}`,
  ].join('')
  const delays = Array.from({ length: count }, (_, index) => `.pantalla__lamina:nth-child(${index + 1}){animation-delay:${index * SECONDS_PER_SLIDE}s}`).join('')
  return `@keyframes pantalla-turno{${steps}}@media (prefers-reduced-motion:no-preference){.pantalla__lamina{opacity:0;visibility:hidden;animation:pantalla-turno ${cycle}s linear infinite}${delays}}`
}
