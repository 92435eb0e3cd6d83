import type { Endpoint } from 'payload'
export const subscriberEndpoints: Endpoint[] = []
