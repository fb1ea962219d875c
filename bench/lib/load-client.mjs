// A separate process that runs resident flows against a server and prints its
// stats as one JSON line, so the load generator never shares a thread with the
// server it measures.   node bench/lib/load-client.mjs <origin> <seconds> <concurrency>
import http from 'node:http'
import { runFlows } from './flow.mjs'

const [origin, seconds, concurrency] = process.argv.slice(2)
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) })
const stats = await runFlows(agent, origin, Number(seconds), Number(concurrency))
console.log(JSON.stringify({ submitMs: stats.stepMs.submit, flows: stats.flowsCompleted, errors: stats.errors + stats.unexpected }))
agent.destroy()
