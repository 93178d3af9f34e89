// net-guard.cjs — preloaded (node --require) into the local Bluesky servers
// that Rounds' tests run. It keeps every process on this machine:
//  * an outgoing TCP connection to anything but loopback is refused (the
//    socket fails with ENETUNREACH) and logged on stderr;
//  * a server that listens without naming a host is moved to 127.0.0.1,
//    because the reference servers call app.listen(port) (all interfaces);
//  * a DNS question about any name but localhost (a handle's _atproto TXT
//    record, say) is not sent to the resolver: it fails with ENOTFOUND and
//    is logged the same way.
// Copyright 2026 The Rounds developers
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict'

const dns = require('node:dns')
const fs = require('node:fs')
const { syncBuiltinESMExports } = require('node:module')
const net = require('node:net')

let blocked = 0
// The tests read this file after the run: every line is one refused attempt.
const logFile = process.env.ROUNDS_NET_GUARD_LOG

function isLoopback (host) {
  if (host === undefined || host === null || host === '')
    return true // node connects to localhost by default
  host = String(host).toLowerCase()
  if (host.startsWith('[') && host.endsWith(']'))
    host = host.slice(1, -1)
  return host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    /^::ffff:127\.\d+\.\d+\.\d+$/.test(host)
}

function describe (args) {
  const first = args[0]
  if (Array.isArray(first))
    return describe(first)
  if (first !== null && typeof first === 'object')
    return { path: first.path, host: first.host, port: first.port }
  if (typeof first === 'string' && isNaN(Number(first)))
    return { path: first }
  return { host: typeof args[1] === 'string' ? args[1] : undefined, port: first }
}

const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) {
  const where = describe(args)
  if (where.path === undefined && !isLoopback(where.host)) {
    blocked++
    const line = `net-guard: blocked a connection to ${where.host}:${where.port}\n`
    process.stderr.write(line)
    if (logFile)
      fs.appendFileSync(logFile, line)
    const error = Object.assign(new Error(`net-guard: ${where.host} is not loopback`),
                                { code: 'ENETUNREACH' })
    process.nextTick(() => this.destroy(error))
    return this
  }
  return connect.apply(this, args)
}

const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  const first = args[0]
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    if (first.path === undefined && first.handle === undefined && first.fd === undefined &&
        !isLoopback(first.host ?? '127.0.0.1'))
      throw new Error(`net-guard: refusing to listen on ${first.host}`)
    if (first.path === undefined && first.host === undefined)
      args[0] = { ...first, host: '127.0.0.1' }
  } else if (typeof first === 'number' || (typeof first === 'string' && !isNaN(Number(first)))) {
    if (typeof args[1] === 'string') {
      if (!isLoopback(args[1]))
        throw new Error(`net-guard: refusing to listen on ${args[1]}`)
    } else {
      args.splice(1, 0, '127.0.0.1')
    }
  } else if (first === undefined || typeof first === 'function') {
    args.unshift(0, '127.0.0.1')
  }
  return listen.apply(this, args)
}

function refuse (what) {
  blocked++
  const line = `net-guard: blocked ${what}\n`
  process.stderr.write(line)
  if (logFile)
    fs.appendFileSync(logFile, line)
}

function notFound (name) {
  return Object.assign(new Error(`net-guard: no DNS for ${name}`),
                       { code: 'ENOTFOUND', hostname: name })
}

// Every way to ask DNS: callback, promise, and Resolver objects. lookup()
// of a loopback name goes on (it reads /etc/hosts, not the network).
const questions = ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname',
                   'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa',
                   'resolveSrv', 'resolveTxt', 'reverse', 'lookup', 'lookupService']
function guardDns (target, promises) {
  for (const name of questions) {
    const original = target[name]
    if (typeof original !== 'function')
      continue
    target[name] = function (host, ...rest) {
      if ((name === 'lookup' || name === 'lookupService') && isLoopback(host))
        return original.call(this, host, ...rest)
      refuse(`a DNS ${name} of ${host}`)
      if (promises)
        return Promise.reject(notFound(host))
      const callback = rest[rest.length - 1]
      if (typeof callback === 'function')
        process.nextTick(callback, notFound(host))
      return undefined
    }
  }
}
guardDns(dns, false)
guardDns(dns.promises, true)
guardDns(dns.Resolver.prototype, false)
guardDns(dns.promises.Resolver.prototype, true)
syncBuiltinESMExports()

process.on('exit', () => {
  process.stderr.write(`net-guard: ${blocked} blocked connection attempt(s)\n`)
})

module.exports = { isLoopback, blockedCount: () => blocked }
