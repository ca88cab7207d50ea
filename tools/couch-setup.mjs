#!/usr/bin/env node
// Sets up a CouchDB database for live sync of one plan (see README, "Live sync through CouchDB"):
//   - the database, readable and writable only by the accounts made here (its _security);
//   - the design document `_design/minsheng` whose validate_doc_update enforces who may write what,
//     generated from the plan file by `couch-design` (or given with --design);
//   - one account per unit named in the plan (role `unit:<unit>`) and one for the office (role
//     `office`), each with a random password, written to a CSV file for handing out.
// Running it again updates the design document and keeps existing accounts (and their passwords).
//
// node tools/couch-setup.mjs --server http://admin:PASSWORD@127.0.0.1:5984 --db minsheng-2024 \
//      --plan data/plan-2024.json --accounts accounts.csv [--design design.json] [--office 督查室]
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
for (const need of ['server', 'db', 'plan', 'accounts']) {
  if (!args[need]) {
    console.error('usage: node tools/couch-setup.mjs --server URL --db NAME --plan PLAN.json --accounts OUT.csv [--design FILE] [--office NAME]');
    process.exit(2);
  }
}
// The file holds passwords handed out earlier: never written over.
if (fs.existsSync(args.accounts)) {
  console.error(`${args.accounts} exists (it may hold passwords given out earlier); name a new file for --accounts`);
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = new URL(args.server);
const auth = 'Basic ' + Buffer.from(`${decodeURIComponent(server.username)}:${decodeURIComponent(server.password)}`).toString('base64');
server.username = '';
server.password = '';
const base = server.toString().replace(/\/$/, '');

async function call(method, url, body) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text };
}

function must(result, what) {
  if (result.status >= 300) {
    console.error(`${what}: HTTP ${result.status} ${result.text}`);
    process.exit(1);
  }
  return result.json;
}

const plan = JSON.parse(fs.readFileSync(args.plan, 'utf8'));
const units = [...new Set(plan.projects.flatMap((p) => [p.lead_unit, ...p.co_units]))].filter(Boolean);
const office = args.office || '督查室';
const design = args.design
  ? JSON.parse(fs.readFileSync(args.design, 'utf8'))
  : JSON.parse(execFileSync('cargo', ['run', '--quiet', '--bin', 'couch-design', '--', path.resolve(args.plan)], { cwd: root, encoding: 'utf8' }));

const db = `/${encodeURIComponent(args.db)}`;
const created = await call('PUT', db);
if (created.status !== 412) must(created, `create ${args.db}`);
await call('PUT', '/_users'); // present on a configured CouchDB; made on a fresh single node

const roles = [...units.map((u) => `unit:${u}`), 'office'];
must(await call('PUT', `${db}/_security`, { admins: { names: [], roles: [] }, members: { names: [], roles } }), 'security');

const existing = await call('GET', `${db}/${design._id}`);
must(await call('PUT', `${db}/${design._id}`, existing.status === 200 ? { ...design, _rev: existing.json._rev } : design), 'design document');

const lines = ['account,password,role'];
let made = 0;
for (const [name, role] of [...units.map((u) => [u, `unit:${u}`]), [office, 'office']]) {
  const id = `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
  if ((await call('GET', id)).status === 200) {
    lines.push(`${JSON.stringify(name)},(unchanged),${role}`);
    continue;
  }
  const password = crypto.randomBytes(9).toString('base64url');
  must(await call('PUT', id, { _id: `org.couchdb.user:${name}`, name, type: 'user', roles: [role], password }), `account ${name}`);
  lines.push(`${JSON.stringify(name)},${password},${role}`);
  made += 1;
}
fs.writeFileSync(args.accounts, lines.join('\n') + '\n', { mode: 0o600 });
console.log(`${args.db}: design document installed; ${made} accounts made (${units.length} units and ${office}); passwords in ${args.accounts}`);
