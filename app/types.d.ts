import '@remix-run/node'

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce?: string
    requestId?: string
    clientIp?: string
    bodyTooLarge?: boolean
    /** server.mjs refused a response import's body unread: over the import limit */
    importTooLarge?: boolean
    /** set by an event page's action: the page it renders with an error hands out no new device cookie */
    roomPost?: boolean
  }
}
