/**
 * The wrk side of bench/ingest.ts: a Lua script (written into the run's temporary directory)
 * that cycles through pre-generated bodies, stamps every line of a body with its round's
 * timestamp, counts responses by status, and prints one JSON line at the end; and a runner
 * that starts wrk and parses that line.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Arguments after `--`: dir, bodies, bodiesPerRound, baseSeconds, stepSeconds, path.
 * Body k of the run is file k mod bodies; its round is floor(k / bodiesPerRound), its
 * timestamp baseSeconds + round × stepSeconds (in ns: nine zeros appended).
 * Stamping costs one table.concat of the lines (about 0.5 ms for a 5,000-line body).
 */
export const WRK_SCRIPT = String.raw`
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- Each body is kept as its lines without timestamps; a request is one table.concat of them with
-- the timestamp as separator, the HTTP head in the first piece. One string per request: going
-- through wrk.format (a second copy of the 0.5 MB body) cost 3.7 ms a request instead of 0.5.
function init(args)
  local dir = args[1]
  local n = tonumber(args[2])
  perRound = tonumber(args[3])
  base = tonumber(args[4])
  step = tonumber(args[5])
  local path = args[6]
  local tsLen = 19 -- seconds (10 digits) and nine zeros
  pieces = {}
  for i = 0, n - 1 do
    local f = assert(io.open(dir .. "/body-" .. i .. ".lp", "rb"))
    local text = f:read("*a")
    f:close()
    local t = {}
    local size = 0
    for line in text:gmatch("([^\n]*)\n") do
      local piece = (#t == 0) and line or ("\n" .. line)
      t[#t + 1] = piece
      size = size + #piece + tsLen
    end
    t[#t + 1] = "\n"
    size = size + 1
    t[1] = "POST " .. path .. " HTTP/1.1\r\nHost: " .. wrk.host .. ":" .. wrk.port .. "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " .. size .. "\r\n\r\n" .. t[1]
    pieces[i] = t
  end
  nbodies = n
  sent = 0
  ok = 0
  other = 0
  firstError = ""
end

function request()
  local k = sent
  sent = sent + 1
  local round = math.floor(k / perRound)
  local ts = string.format("%.0f", base + round * step) .. "000000000"
  return table.concat(pieces[k % nbodies], ts)
end

function response(status, hdrs, body)
  if status == 204 then
    ok = ok + 1
  else
    other = other + 1
    if firstError == "" then firstError = status .. " " .. string.sub(body or "", 1, 300) end
  end
end

local function esc(s)
  return (string.gsub(s, '[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end))
end

function done(summary, latency, requests)
  local ok_, other_, sent_, err_ = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    ok_ = ok_ + t:get("ok")
    other_ = other_ + t:get("other")
    sent_ = sent_ + t:get("sent")
    if err_ == "" then err_ = t:get("firstError") end
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"durationUs":%d,"requests":%d,"bytes":%d,"ok":%d,"other":%d,"sent":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"firstError":"%s"}\n',
    summary.duration, summary.requests, summary.bytes, ok_, other_, sent_, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, esc(err_)))
end
`;

export interface WrkResult {
  readonly durationUs: number;
  readonly requests: number;
  readonly bytes: number;
  /** 204 responses: the only ones that count. */
  readonly ok: number;
  /** Any other status. */
  readonly other: number;
  readonly sent: number;
  readonly connectErrors: number;
  readonly readErrors: number;
  readonly writeErrors: number;
  readonly statusErrors: number;
  readonly timeouts: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  readonly firstError: string;
}

export interface WrkRun {
  readonly url: string;
  readonly path: string;
  readonly dir: string;
  readonly bodies: number;
  readonly bodiesPerRound: number;
  readonly baseSeconds: number;
  readonly stepSeconds: number;
  readonly connections: number;
  readonly seconds: number;
  /** Called with wrk's pid once it runs (for CPU accounting). */
  readonly onStart?: (pid: number) => void;
}

/** Writes the bodies and the script into `dir`; returns the script's path. */
export function prepareWrk(dir: string, bodies: readonly string[]): string {
  bodies.forEach((b, i) => writeFileSync(join(dir, `body-${i}.lp`), b));
  const script = join(dir, 'ingest.lua');
  writeFileSync(script, WRK_SCRIPT);
  return script;
}

const running = new Set<ReturnType<typeof spawn>>();

/** Stops any wrk still running (on failure or Ctrl-C). */
export function stopWrk(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Runs `wrk -t1 -c<connections> -d<seconds>s` and returns what the script counted. */
export function runWrk(script: string, run: WrkRun): Promise<WrkResult> {
  const args = [
    '-t1',
    `-c${run.connections}`,
    `-d${run.seconds}s`,
    '--timeout',
    '30s',
    '-s',
    script,
    run.url,
    '--',
    run.dir,
    String(run.bodies),
    String(run.bodiesPerRound),
    String(run.baseSeconds),
    String(run.stepSeconds),
    run.path,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    if (child.pid !== undefined) run.onStart?.(child.pid);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      running.delete(child);
      const line = out.split('\n').find((l) => l.startsWith('WRKJSON '));
      if (code !== 0 || !line)
        return reject(new Error(`wrk exited with ${code}: ${err.trim() || out.trim()}`));
      resolve(JSON.parse(line.slice('WRKJSON '.length)) as WrkResult);
    });
  });
}
