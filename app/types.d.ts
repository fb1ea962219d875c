import '@remix-run/node'

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce?: string
    requestId?: string
    clientIp?: string
    bodyTooLarge?: boolean
    /** server.mjs refused a response import's body unread: over the import limit */
    importTooLarge?: boolean
  }
}
