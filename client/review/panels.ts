/** The side-panel cards of comments, review status and named versions. */
export { commentsPanel } from './comments-panel.ts'
export { reviewPanel } from './review-panel.ts'
export { versionsPanel } from './versions-panel.ts'
