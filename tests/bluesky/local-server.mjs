// local-server.mjs — a private Bluesky network for Rounds' tests: the
// reference PLC directory (in memory) and the reference PDS (SQLite in a
// temporary folder), both on 127.0.0.1, on free ports chosen per run, with
// secrets generated per run. Run it as
//   node --require ./net-guard.cjs local-server.mjs [--appview] [handle …]
// With --appview it also runs the reference Bluesky AppView (@atproto/bsky:
// its data plane and API server, indexing the PDS's firehose into a
// throw-away PostgreSQL cluster that it starts itself), and the PDS sends
// app.bsky.* calls (listNotifications, getPostThread, …) to it.
// It creates one account per handle (with an app password), then writes ONE
// JSON line on stdout once the PDS answers its health check (and, with
// --appview, once the AppView has indexed every account):
//   {"pds":"http://localhost:PORT","plc":"…","appview":"…"|null,"admin_password":"…",
//    "jwt_secret":"…","accounts":[{"handle","did","email","password","app_password"}]}
// It stops (and deletes its data) when stdin closes, which also happens when
// the test that started it dies, or on SIGTERM/SIGINT. Logs go to stderr.
// Copyright 2026 The Rounds developers
// SPDX-License-Identifier: GPL-3.0-or-later

import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import plcServer from '@did-plc/server'
import { PDS, envToCfg, envToSecrets, readEnv } from '@atproto/pds'

// stdout carries the one ready line; everything else goes to stderr.
console.log = console.info = console.warn = console.debug = console.error

const hex = (n) => crypto.randomBytes(n).toString('hex')

function freePort () {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function waitForHealth (url, deadlineMs) {
  const until = Date.now() + deadlineMs
  let delay = 20
  for (;;) {
    try {
      const answer = await fetch(url)
      if (answer.ok)
        return
    } catch (e) {
      if (Date.now() > until)
        throw new Error(`${url} did not answer: ${e.message}`)
    }
    if (Date.now() > until)
      throw new Error(`${url} did not become healthy`)
    await new Promise((resolve) => setTimeout(resolve, delay))
    delay = Math.min(delay * 2, 250)
  }
}

async function xrpc (base, method, body, auth) {
  const answer = await fetch(`${base}/xrpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify(body)
  })
  const json = await answer.json()
  if (!answer.ok)
    throw new Error(`${method}: ${answer.status} ${json.error}`)
  return json
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rounds-bsky-'))
let plc = null
let pds = null
let appview = null
let postgres = null
let stopping = false

async function stop (code) {
  if (stopping)
    return
  stopping = true
  // Asked to stop while still starting (stdin closed early): let the start
  // finish first (at most a minute), so that nothing it is bringing up —
  // PostgreSQL above all — is left running without us.
  if (starting)
    await Promise.race([starting.catch(() => {}),
                        new Promise((resolve) => setTimeout(resolve, 60000))])
  try {
    if (pds) await pds.destroy()
  } catch (e) { console.error(`pds stop: ${e.message}`) }
  try {
    if (appview) await appview.stop()
  } catch (e) { console.error(`appview stop: ${e.message}`) }
  try {
    if (postgres) await postgres.stop()
  } catch (e) { console.error(`postgres stop: ${e.message}`) }
  try {
    if (plc) await plc.destroy()
  } catch (e) { console.error(`plc stop: ${e.message}`) }
  fs.rmSync(dataDir, { recursive: true, force: true })
  process.exit(code)
}

process.on('SIGTERM', () => stop(0))
process.on('SIGINT', () => stop(0))
process.stdin.on('end', () => stop(0))
process.stdin.on('error', () => stop(0))
process.stdin.resume()

const args = process.argv.slice(2)
const withAppView = args[0] === '--appview'
const handles = withAppView ? args.slice(1) : args

// Waits until CHECK () is true (polling, no fixed sleep), or throws WHAT.
async function waitFor (what, check, deadlineMs) {
  const until = Date.now() + deadlineMs
  let delay = 20
  while (!(await check())) {
    if (Date.now() > until)
      throw new Error(`${what}: not after ${deadlineMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, delay))
    delay = Math.min(delay * 2, 250)
  }
}

async function main () {
  const started = Date.now()
  const plcPort = await freePort()
  const pdsPort = await freePort()

  plc = plcServer.PlcServer.create({ db: plcServer.Database.mock(), port: plcPort })
  await plc.start()
  // localhost, not 127.0.0.1: the PDS's identity resolver refuses IP hosts.
  const plcUrl = `http://localhost:${plcPort}`
  await waitForHealth(`${plcUrl}/_health`, 60000)

  let appviewEnv = {}
  if (withAppView) {
    // Loaded only here: plain PDS runs do not pay for it.
    const { startPostgres, startAppView } = await import('./appview.mjs')
    postgres = await startPostgres(await freePort())
    console.error(`local-server: postgres up after ${Date.now() - started} ms`)
    appview = await startAppView({
      plcUrl,
      port: await freePort(),
      dataplanePort: await freePort(),
      unusedPort: await freePort(),
      pdsPort,
      dbUrl: postgres.url
    })
    console.error(`local-server: appview up after ${Date.now() - started} ms`)
    appviewEnv = { PDS_BSKY_APP_VIEW_URL: appview.url, PDS_BSKY_APP_VIEW_DID: appview.did }
  }

  const adminPassword = hex(16)
  const jwtSecret = hex(32)
  Object.assign(process.env, {
    PDS_HOSTNAME: 'localhost',
    PDS_PORT: String(pdsPort),
    PDS_DATA_DIRECTORY: dataDir,
    PDS_BLOBSTORE_DISK_LOCATION: path.join(dataDir, 'blobs'),
    PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: hex(32),
    PDS_JWT_SECRET: jwtSecret,
    PDS_DPOP_SECRET: hex(32),
    PDS_ADMIN_PASSWORD: adminPassword,
    PDS_DID_PLC_URL: plcUrl,
    PDS_INVITE_REQUIRED: 'false',
    // http:// public URL on loopback needs dev mode (also lifts SSRF checks,
    // harmless here: net-guard refuses everything but loopback anyway).
    PDS_DEV_MODE: 'true',
    PDS_CRAWLERS: '',
  })
  for (const name of ['PDS_BSKY_APP_VIEW_URL', 'PDS_BSKY_APP_VIEW_DID', 'PDS_MOD_SERVICE_URL',
                      'PDS_MOD_SERVICE_DID', 'PDS_REPORT_SERVICE_URL', 'PDS_EMAIL_SMTP_URL',
                      'PDS_REDIS_SCRATCH_ADDRESS', 'PDS_ENTRYWAY_URL', 'OTEL_EXPORTER_OTLP_ENDPOINT'])
    delete process.env[name]
  Object.assign(process.env, appviewEnv)

  const env = readEnv()
  pds = await PDS.create(envToCfg(env), envToSecrets(env))
  await pds.start()
  const pdsUrl = `http://localhost:${pdsPort}`
  await waitForHealth(`${pdsUrl}/xrpc/_health`, 60000)

  const accounts = []
  for (const handle of handles) {
    const password = hex(12)
    const email = `${handle.split('.')[0]}@example.test`
    const created = await xrpc(pdsUrl, 'com.atproto.server.createAccount',
                               { handle, email, password })
    const app = await xrpc(pdsUrl, 'com.atproto.server.createAppPassword',
                           { name: 'rounds-test' }, `Bearer ${created.accessJwt}`)
    accounts.push({ handle, did: created.did, email, password, app_password: app.password })
  }

  if (appview) {
    // Ready means the AppView knows every account: it has indexed them from
    // the PDS's firehose.
    for (const account of accounts)
      await waitFor(`the AppView indexing ${account.handle}`, async () => {
        const answer = await fetch(`${appview.url}/xrpc/app.bsky.actor.getProfile?actor=${account.did}`)
        await answer.arrayBuffer()
        return answer.ok
      }, 120000)
  }

  process.stdout.write(JSON.stringify({
    pds: pdsUrl, plc: plcUrl, appview: appview ? appview.url : null, admin_password: adminPassword, jwt_secret: jwtSecret, accounts,
    ready_ms: Date.now() - started
  }) + '\n')
}

let starting = null
starting = main().catch((e) => {
  console.error(`local-server: ${e.stack || e.message}`)
  starting = null
  stop(1)
})
// Once up, stop () has nothing to wait for.
starting.then(() => { starting = null })
