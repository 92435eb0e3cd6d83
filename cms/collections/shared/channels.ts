/**
 * Where an approved bulletin can go. Its own module, free of server code: the admin's client components
 * (through the bulletin's fields) import it, and must not pull the distribution endpoints into the browser.
 */
export const CHANNELS = ['x', 'press-mailing'] as const
export type Channel = (typeof CHANNELS)[number]
