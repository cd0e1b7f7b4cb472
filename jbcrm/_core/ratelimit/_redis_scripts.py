"""The Lua scripts behind the shared limiter: one atomic script per call.

Every script reads the one clock, Redis ``TIME``, in microseconds. Times are kept as integer
microseconds and written with ``%.0f``: Redis turns a bare Lua number into text with 14
significant digits, which would round today's microsecond timestamps to 100 us.

Keys (all sharing one hash tag, so Redis Cluster keeps them on one node):

- ``inflight``: sorted set, slot id -> grant time + lease (a slot whose process died is dropped
  then);
- ``done``: sorted set, slot id -> response time + ``per`` (when the slot stops counting);
- ``accepted``: sorted set, slot id -> when the request arrived (the middle of grant and
  answer), for the requests the server accepted in the last windows (the measurement taken at a
  429);
- ``state``: hash with ``paused_until``, ``learned`` (the limit in force after the last 429,
  absent at the full limit), ``measured`` (the part of it measured, not probed),
  ``measured_at`` (when), ``taken`` (how many requests granted in the window before it were
  accepted, so far), ``probe_after`` (when probing upward may start), ``probe`` (the slot of
  the one request in flight beyond the measured budget) and ``probe_raises`` (1 when that one
  raises the limit if accepted).
"""

from __future__ import annotations

_PRELUDE = """
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local function us(x) return string.format('%.0f', x) end
local function ms_ttl(x) return math.ceil(x / 1000) + 1000 end
"""

#: KEYS inflight, done, accepted, state.
#: ARGV max, per_us, lease_us, n; then n releases of 4 values (slot id, sent 0/1, status 0 for
#: none, retry_after_us -1 for none); then the slot ids wanted, in the order they are handed out.
#: Releases come first, so a release and the next acquire of the same process share one call.
#: Returns {granted (the first k wanted ids), wait_us, limit, learned (-1: none),
#: pause_left_us, now_us, the probe's slot id ('' for none)}.
SYNC = (
    _PRELUDE
    + """
local max, per, lease, n = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]),
  tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', us(now))
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', us(now))
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', us(now - 2 * per))
local s = redis.call('HMGET', KEYS[4], 'paused_until', 'learned', 'measured_at',
  'probe_after', 'probe', 'taken', 'measured', 'probe_raises')
local paused_until = tonumber(s[1]) or 0
local learned = tonumber(s[2])
local measured_at = tonumber(s[3]) or 0
local probe_after = tonumber(s[4]) or 0
local probe = s[5]
local taken = tonumber(s[6]) or 0
local confirmed = tonumber(s[7]) or 0
local probe_raises = s[8] == '1'
-- Below the full limit even when the server took all of it: then it counts more than we can
-- see (a stricter window), and one less is the next thing to try.
local function measured() return math.max(1, math.min(taken, max - 1)) end
-- A probe whose process died no longer holds the turn.
if probe and not redis.call('ZSCORE', KEYS[1], probe) then probe = false end

local i = 5
for _ = 1, n do
  local slot, sent = ARGV[i], ARGV[i + 1] == '1'
  local status, retry = tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
  i = i + 4
  local lease_end = tonumber(redis.call('ZSCORE', KEYS[1], slot))
  redis.call('ZREM', KEYS[1], slot)
  if sent then
    redis.call('ZADD', KEYS[2], us(now + per), slot)
    redis.call('PEXPIRE', KEYS[2], ms_ttl(per))
  end
  local was_probe = probe == slot
  if was_probe then probe = false end
  -- The server saw it somewhere between grant and answer: the middle is the best guess.
  local arrived = now
  if lease_end then arrived = (lease_end - lease + now) / 2 end
  if status == 429 then
    -- A refused probe is an answer, not an overload: without Retry-After it holds no one.
    local pause = per
    if retry >= 0 then pause = retry elseif was_probe then pause = 0 end
    paused_until = math.max(paused_until, now + pause)
    -- What the server accepted from every process in the window before: the budget left.
    taken = redis.call('ZCOUNT', KEYS[3], '(' .. us(arrived - per), us(arrived))
    confirmed = measured()
    learned = confirmed
    if learned >= max then learned = nil end
    measured_at = arrived
    probe_after = math.max(paused_until, now + per) + per
  elseif sent and status > 0 and lease_end then
    redis.call('ZADD', KEYS[3], us(arrived), slot)
    redis.call('PEXPIRE', KEYS[3], ms_ttl(2 * per))
    if learned and arrived > measured_at - per and arrived <= measured_at then
      taken = taken + 1
      confirmed = math.max(confirmed, measured())
      learned = math.max(learned, confirmed)
    elseif learned and was_probe and probe_raises then
      learned = learned + 1
    end
    if learned and learned >= max then learned = nil end
  end
end

local wanted = #ARGV - i + 1
local granted = 0
local used = redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])
if now >= paused_until then
  while granted < wanted do
    local slot = ARGV[i + granted]
    if used < (learned and confirmed or max) then
      -- within the budget: any number at once
    elseif learned and not probe and used < max and (used < learned or now >= probe_after) then
      -- beyond the measured budget: one at a time, raising the limit when beyond it too
      probe = slot
      probe_raises = used >= learned
    else
      break
    end
    redis.call('ZADD', KEYS[1], us(now + lease), slot)
    used = used + 1
    granted = granted + 1
  end
  if granted > 0 then redis.call('PEXPIRE', KEYS[1], ms_ttl(lease)) end
end

local wait = 0
if granted < wanted then
  if now < paused_until then
    wait = paused_until - now
  else
    -- Full. A slot in flight frees at the earliest `per` after its response, that is after
    -- now + per; a finished slot at its score; a dead process's slot at its lease deadline.
    wait = per
    local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    if first[2] then wait = math.min(wait, tonumber(first[2]) - now) end
    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    if oldest[2] then wait = math.min(wait, tonumber(oldest[2]) - now) end
    if learned and not probe and used < max and used >= learned then
      wait = math.min(wait, probe_after - now)
    end
    wait = math.max(wait, 1)
  end
end

redis.call('HSET', KEYS[4], 'paused_until', us(paused_until), 'measured_at', us(measured_at),
  'probe_after', us(probe_after), 'taken', taken)
if learned then redis.call('HSET', KEYS[4], 'learned', learned)
else redis.call('HDEL', KEYS[4], 'learned') end
redis.call('HSET', KEYS[4], 'measured', confirmed, 'probe_raises', probe_raises and 1 or 0)
if probe then redis.call('HSET', KEYS[4], 'probe', probe)
else redis.call('HDEL', KEYS[4], 'probe') end
redis.call('PEXPIRE', KEYS[4], ms_ttl(math.max(paused_until - now, 0) + per + lease))
return {granted, wait, learned or max, learned or -1, math.max(paused_until - now, 0), now,
  probe or ''}
"""
)

#: KEYS state; ARGV pause_us, per_us, lease_us. Returns pause_left_us.
PAUSE = (
    _PRELUDE
    + """
local pause, per, lease = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local paused_until = math.max(tonumber(redis.call('HGET', KEYS[1], 'paused_until')) or 0,
  now + pause)
redis.call('HSET', KEYS[1], 'paused_until', us(paused_until))
redis.call('PEXPIRE', KEYS[1], ms_ttl(paused_until - now + per + lease))
return paused_until - now
"""
)
