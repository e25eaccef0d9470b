// Side by side: postlint (the whole default pack, 15 categories) and the
// obscenity npm package (its English dataset with the recommended
// transformers: profanity only) over the same posts, the labelled corpus
// replicated. Prints each one's rate in posts per second and the ratio.
//
//   cd scripts/bench-obscenity && npm ci && node bench.js [--posts N] [--corpus FILE] [--postlint BIN]
//
// postlint is built from this clone (go build) unless --postlint names a
// binary. Both use every core: postlint checks posts in parallel itself,
// and obscenity runs in one worker thread per core (--threads 1 for one).
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');

function obscenityMatcher() {
  const { RegExpMatcher, englishDataset, englishRecommendedTransformers } = require('obscenity');
  return new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
}

if (!isMainThread) {
  // A worker: check its share of the texts and report how many matched.
  const matcher = obscenityMatcher();
  let flagged = 0;
  for (const text of workerData.texts) {
    if (matcher.getAllMatches(text).length > 0) flagged++;
  }
  parentPort.postMessage(flagged);
  return;
}

function arg(name, def) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}

const root = path.resolve(__dirname, '..', '..');
const corpus = path.resolve(arg('--corpus', path.join(root, '..', 'shared', 'corpus', 'posts.jsonl')));
const n = Number(arg('--posts', '100000'));
const threads = Number(arg('--threads', String(os.availableParallelism ? os.availableParallelism() : os.cpus().length)));

const lines = fs.readFileSync(corpus, 'utf8').split('\n').filter((l) => l.trim() !== '');
const posts = [];
for (let i = 0; posts.length < n; i++) posts.push(lines[i % lines.length]);
const texts = posts.map((l) => JSON.parse(l).text || '');

// postlint: the same posts as a JSON Lines queue, through the command.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'postlint-bench-'));
const queue = path.join(tmp, 'queue.jsonl');
fs.writeFileSync(queue, posts.join('\n') + '\n');
let bin = arg('--postlint', '');
if (!bin) {
  bin = path.join(tmp, 'postlint');
  execFileSync('go', ['build', '-o', bin, './cmd/postlint'], { cwd: root, stdio: 'inherit' });
}
const report = path.join(tmp, 'report.json');
function runPostlint() {
  const out = fs.openSync(report, 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(bin, ['check', '--no-config', '--format', 'json', '--fail-on', 'never', queue], {
    stdio: ['ignore', out, 'pipe'],
    encoding: 'utf8',
  });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.closeSync(out);
  if (r.status !== 0) throw new Error(`postlint exited ${r.status}: ${r.stderr}`);
  const summary = JSON.parse(fs.readFileSync(report, 'utf8')).summary;
  if (summary.posts !== n) throw new Error(`postlint reported ${summary.posts} posts, want ${n}`);
  return { secs, flagged: summary.blocked + summary.review };
}

async function runObscenity() {
  const t0 = process.hrtime.bigint();
  const share = Math.ceil(texts.length / threads);
  const counts = await Promise.all(
    Array.from({ length: threads }, (_, k) =>
      new Promise((resolve, reject) => {
        const w = new Worker(__filename, { workerData: { texts: texts.slice(k * share, (k + 1) * share) } });
        w.once('message', resolve);
        w.once('error', reject);
      }),
    ),
  );
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  return { secs, flagged: counts.reduce((a, b) => a + b, 0) };
}

(async () => {
  // One warm-up round of each (file cache, JIT), then the measured run.
  runPostlint();
  await runObscenity();
  const p = runPostlint();
  const o = await runObscenity();
  fs.rmSync(tmp, { recursive: true, force: true });
  const pr = n / p.secs;
  const or = n / o.secs;
  const fmt = (x) => Math.round(x).toLocaleString('en-GB');
  console.log(`posts: ${fmt(n)} (${path.basename(corpus)} replicated), cores: ${os.cpus().length}, obscenity threads: ${threads}`);
  console.log(`postlint  ${fmt(pr)} posts/s  (${p.secs.toFixed(2)} s through the CLI, 15 categories; ${fmt(p.flagged)} posts to review or block)`);
  console.log(`obscenity ${fmt(or)} posts/s  (${o.secs.toFixed(2)} s, profanity only; ${fmt(o.flagged)} posts with a match)`);
  console.log(`ratio     postlint / obscenity = ${(pr / or).toFixed(2)}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
