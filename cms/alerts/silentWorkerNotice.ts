import type { Payload } from 'payload'
import { readHeartbeats } from '@pregon/core/ops/opsTables'
import { poolOf } from '../db/poolOf'

/** The worker beats every 10 s: past this, none is running (the sweep that opens alerts runs in it, too). */
const WORKER_SILENT_AFTER_MS = 90_000

/**
 * Read here, not by the sweep: with no worker alive there is no sweep (and no digest) to tell anyone, so the
 * admin itself says it. null while some worker has beaten recently, or before any worker ever ran.
 */
export async function silentWorkerNotice(payload: Payload): Promise<string | null> {
  try {
    const beats = await readHeartbeats(poolOf(payload), 'worker')
    if (beats.length === 0) return null
    const freshest = Math.max(...beats.map((beat) => beat.beatAt.getTime()))
    const silentMs = Date.now() - freshest
    if (silentMs < WORKER_SILENT_AFTER_MS) return null
    const minutes = Math.max(1, Math.round(silentMs / 60_000))
    return `Ningún proceso de trabajos (worker) responde desde hace ${minutes} min: no sale nada a redes ni por correo y no se publica lo programado. Revisa «npm run status» en el servidor.`
  } catch {
    return null
  }
}
