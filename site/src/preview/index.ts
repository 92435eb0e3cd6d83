export { createBulletinPreviewRenderer, type BulletinPreviewRenderer } from './renderBulletinPreview'
export { createPortalPreviewRoute, PORTAL_PREVIEW_HEADER, PORTAL_PREVIEW_PATH, signPortalPreview, type PortalPreviewRoute } from './portalPreviewRoute'
