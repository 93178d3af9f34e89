// appview.mjs — the Bluesky AppView for the tests' private network
// (local-server.mjs --appview): a throw-away PostgreSQL cluster, and the
// reference AppView from @atproto/bsky (its data plane, its API server and
// the subscription that indexes the PDS's firehose), wired the way
// @atproto/dev-env's TestBsky wires them, without Redis, bsync, Ozone or
// anything else that replies and notifications do not need. Everything
// listens on 127.0.0.1; handles are resolved at the PDS, never by DNS.
// Copyright 2026 The Rounds developers
// SPDX-License-Identifier: GPL-3.0-or-later

import { execFile } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import * as bsky from '@atproto/bsky'
import { Secp256k1Keypair } from '@atproto/crypto'
import { Client as PlcClient } from '@did-plc/lib'

const run = promisify(execFile)

// PostgreSQL's programs: ROUNDS_PG_BINDIR, else the newest
// /usr/lib/postgresql/N/bin (Debian's postgresql-15).
function postgresBinDir () {
  if (process.env.ROUNDS_PG_BINDIR)
    return process.env.ROUNDS_PG_BINDIR
  const root = '/usr/lib/postgresql'
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a))
    : []
  if (versions.length === 0)
    throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; ' +
                    'Debian: apt-get install postgresql-15)')
  return path.join(root, versions[0], 'bin')
}

// A cluster in a new temporary folder, owned by the unprivileged "postgres"
// user when we are root (initdb refuses root), listening on 127.0.0.1:PORT
// and on a socket in that folder only; stop () removes the folder. Tuned for
// a throw-away test database: no fsync.
export async function startPostgres (port) {
  const bin = postgresBinDir()
  const asRoot = process.getuid() === 0
  const as = (program, args) => asRoot
    ? run('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args])
    : run(path.join(bin, program), args)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rounds-pg-'))
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres'])
    const { stdout: group } = await run('id', ['-g', 'postgres'])
    fs.chownSync(dir, Number(stdout), Number(group))
  }
  const data = path.join(dir, 'data')
  await as('initdb', ['-D', data, '-A', 'trust', '-U', 'rounds', '-E', 'UTF8',
                      '--locale=C', '--no-sync'])
  const options = [`-k ${dir}`, `-p ${port}`, "-c listen_addresses='127.0.0.1'",
                   '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off',
                   '-c max_connections=200'].join(' ')
  await as('pg_ctl', ['-D', data, '-w', '-t', '120', '-l', path.join(dir, 'log'),
                      '-o', options, 'start'])
  let stopped = false
  return {
    url: `postgresql://rounds@127.0.0.1:${port}/postgres`,
    async stop () {
      if (stopped)
        return
      stopped = true
      try {
        await as('pg_ctl', ['-D', data, '-w', '-t', '60', '-m', 'fast', 'stop'])
      } catch (e) {
        console.error(`postgres stop: ${e.message}`)
        try {
          process.stderr.write(fs.readFileSync(path.join(dir, 'log'), 'utf8'))
        } catch {}
      }
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

// Handles are checked by asking the PDS that hosts them (its
// /.well-known/atproto-did answers by Host header), as @atproto/dev-env's
// mockResolvers does: the real resolver would ask DNS and https://HANDLE/.
function resolveHandlesAt (idResolver, pdsPort) {
  idResolver.handle.resolve = (handle) => new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port: pdsPort, path: '/.well-known/atproto-did',
                               headers: { host: handle } }, (answer) => {
      let body = ''
      answer.setEncoding('utf8')
      answer.on('data', (chunk) => { body += chunk })
      answer.on('end', () => resolve(answer.statusCode === 200 ? body.trim() : undefined))
      answer.on('error', () => resolve(undefined))
    })
    request.on('error', () => resolve(undefined))
  })
}

// The subscription hands each firehose event to the indexing service once:
// an error (a database busy on a loaded machine, a handle lookup that timed
// out) is logged inside the AppView and the event is gone, so a reply
// would never reach the notifications the Inbox polls. Each indexing step
// is tried again a few times here; what still fails is said on stderr,
// by step name and error only (no record content).
const INDEXING_STEPS = ['indexRecord', 'deleteRecord', 'indexHandle', 'setCommitLastSeen',
  'updateActorStatus', 'deleteActor']

function retryIndexing (indexing) {
  for (const step of INDEXING_STEPS) {
    const original = indexing[step]
    if (typeof original !== 'function') continue
    indexing[step] = async function (...args) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await original.apply(this, args)
        } catch (e) {
          if (attempt >= 5) {
            console.error(`appview: ${step} failed ${attempt} times: ${e?.message}`)
            throw e
          }
          console.error(`appview: ${step} failed (attempt ${attempt}), trying again: ${e?.message}`)
          await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt))
        }
      }
    }
  }
}

// The AppView on PORT; PDS_PORT is where the PDS will be (the subscription
// connects, and reconnects, by itself once it is up).
export async function startAppView ({ plcUrl, port, dataplanePort, unusedPort, pdsPort, dbUrl }) {
  const key = await Secp256k1Keypair.create()
  const plc = new PlcClient(plcUrl)
  const url = `http://localhost:${port}`
  const serverDid = await plc.createDid({
    signingKey: key.did(),
    rotationKeys: [key.did()],
    handle: 'appview.test',
    pds: url,
    signer: key
  })
  await plc.updateData(serverDid, key, (doc) => {
    doc.services.bsky_notif = { type: 'BskyNotificationService', endpoint: url }
    doc.services.bsky_appview = { type: 'BskyAppView', endpoint: url }
    return doc
  })

  const migration = new bsky.Database({ url: dbUrl, schema: 'appview' })
  await migration.migrateToLatestOrThrow()
  await migration.close()

  const db = new bsky.Database({ url: dbUrl, schema: 'appview', poolSize: 10 })
  const dataplane = await bsky.DataPlaneServer.create(db, dataplanePort, plcUrl, globalThis.fetch)
  const config = new bsky.ServerConfig({
    version: 'rounds-test',
    port,
    didPlcUrl: plcUrl,
    publicUrl: url,
    serverDid,
    alternateAudienceDids: [],
    dataplaneUrls: [`http://localhost:${dataplanePort}`],
    dataplaneHttpVersion: '1.1',
    // No bsync runs (mutes, bookmarks): its client points at a closed port.
    bsyncUrl: `http://localhost:${unusedPort}`,
    bsyncHttpVersion: '1.1',
    modServiceDid: 'did:example:invalidMod',
    labelsFromIssuerDids: [],
    bigThreadUris: new Set(),
    maxThreadParents: 50,
    disableSsrfProtection: true,
    searchTagsHide: new Set(),
    searchTagsHideAll: new Set(),
    threadTagsBumpDown: new Set(),
    threadTagsHide: new Set(),
    visibilityTagHide: '',
    visibilityTagRankPrefix: '',
    debugFieldAllowedDids: new Set(),
    draftsLimit: 500,
    feedGenSkeletonTimeout: 5000,
    adminPasswords: [],
    etcdHosts: []
  })
  const server = bsky.BskyAppView.create({ config, signingKey: key })
  resolveHandlesAt(server.ctx.idResolver, pdsPort)
  resolveHandlesAt(dataplane.idResolver, pdsPort)
  const sub = new bsky.RepoSubscription({
    service: `ws://localhost:${pdsPort}`,
    db,
    idResolver: dataplane.idResolver
  })
  retryIndexing(sub.indexingSvc)
  await server.start()
  void sub.start()

  return {
    url,
    did: serverDid,
    async stop () {
      for (const [name, step] of [['appview', () => server.destroy()],
                                  ['subscription', () => sub.destroy()],
                                  ['data plane', () => dataplane.destroy()],
                                  ['database', () => db.close()]]) {
        try {
          await step()
        } catch (e) { console.error(`${name} stop: ${e.message}`) }
      }
    }
  }
}
