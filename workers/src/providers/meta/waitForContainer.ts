import { imageNotFetched, type GraphCall } from './graphRequest'
import { META_NAME, MetaProviderError, metaCode, type MetaNetwork } from './MetaProviderError'

/**
 * Instagram and Threads publish in two steps: a container (the network fetches the image from the portal),
 * then a publish call naming it. Publishing before the container is FINISHED fails, so this polls its status,
 * a bounded number of times. Nothing here has published anything: every failure is safe to retry.
 */
export interface ContainerStatusFields {
  /** Instagram: status_code; Threads: status. */
  state: 'status_code' | 'status'
  /** What the network says about an ERROR. Instagram: status; Threads: error_message. */
  detail: 'status' | 'error_message'
}

const MAX_POLLS = 20

export async function waitForContainer(
  graph: GraphCall,
  { network, containerId, fields, pollMs }: { network: MetaNetwork; containerId: string; fields: ContainerStatusFields; pollMs: number },
): Promise<void> {
  const name = META_NAME[network]
  for (let poll = 1; ; poll++) {
    const { body } = await graph<Record<string, string | undefined>>('container', `/${encodeURIComponent(containerId)}`, {
      query: { fields: `${fields.state},${fields.detail}` },
    })
    const state = body[fields.state]
    const detail = body[fields.detail] ?? 'sin detalle'
    if (state === 'FINISHED') return
    if (state === 'ERROR') {
      if (/download|fetch/i.test(detail)) throw imageNotFetched(network, 'container', detail)
      throw new MetaProviderError({
        code: metaCode(network, 'CONTAINER_FAILED'),
        stage: 'container',
        message: `${name} no pudo preparar la publicación (${detail}). Revise la imagen de la difusión (formato JPEG, proporción entre 4:5 y 1.91:1) y vuelva a intentarlo.`,
      })
    }
    if (state === 'EXPIRED' || poll >= MAX_POLLS) {
      throw new MetaProviderError({
        code: metaCode(network, 'CONTAINER_NOT_READY'),
        stage: 'container',
        message: `${name} no terminó de preparar la publicación (estado ${state ?? 'desconocido'} tras ${poll} consultas). No se publicó nada; se reintentará más tarde.`,
      })
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
}
