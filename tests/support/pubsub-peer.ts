// A separate process using the app's pub/sub module, for the cross-instance test.
//   tsx tests/support/pubsub-peer.ts listen <channel>   prints "ready", then each message as a JSON line
//   tsx tests/support/pubsub-peer.ts publish <channel> <json>
import { createPubSub } from '../../app/features/realtime/pubsub.server.ts'
import { databaseLocationFromEnv } from '../../db/location.ts'

const [role, channel, json] = process.argv.slice(2)
const pubsub = createPubSub(databaseLocationFromEnv())
if (role === 'listen') {
  await pubsub.subscribe(channel!, (message) => console.log(JSON.stringify(message)))
  console.log('ready')
  setTimeout(() => void pubsub.close().then(() => process.exit(0)), 15_000)
} else {
  await pubsub.publish(channel!, JSON.parse(json!))
  await pubsub.close()
}
