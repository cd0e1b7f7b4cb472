"""The Lua scripts behind the shared limiter: one atomic script per operation.

Every script reads the one clock, Redis ``TIME``, in microseconds. Times are kept as integer
microseconds and written with ``%.0f``: Redis turns a bare Lua number into text with 14
significant digits, which would round today's microsecond timestamps to 100 us.

Keys (all sharing one hash tag, so Redis Cluster keeps them on one node):

- ``inflight``: sorted set, slot id -> lease deadline (a slot whose process died is dropped then);
- ``done``: sorted set, slot id -> response time + ``per`` (when the slot stops counting);
- ``state``: hash with ``paused_until``, ``limit`` (lower than configured after a 429) and
  ``last_change`` (when the limit was last cut or raised).
"""

from __future__ import annotations

_PRELUDE = """
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local function us(x) return string.format('%.0f', x) end
local function ms_ttl(x) return math.ceil(x / 1000) + 1000 end
"""

#: KEYS inflight, done, state; ARGV slot id, max, per_us, lease_us.
#: Returns {granted (0/1), wait_us, limit, now_us}.
ACQUIRE = (
    _PRELUDE
    + """
local max, per, lease = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', us(now))
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', us(now))
local state = redis.call('HMGET', KEYS[3], 'paused_until', 'limit')
local paused_until = tonumber(state[1]) or 0
local limit = math.min(tonumber(state[2]) or max, max)
if now < paused_until then
  return {0, paused_until - now, limit, now}
end
if redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2]) < limit then
  redis.call('ZADD', KEYS[1], us(now + lease), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ms_ttl(lease))
  return {1, 0, limit, now}
end
-- Full. A slot still in flight frees at the earliest `per` after its response, that is after
-- now + per; a finished slot frees at its score; a dead process's slot at its lease deadline.
local wait = per
local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if first[2] then wait = math.min(wait, tonumber(first[2]) - now) end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if oldest[2] then wait = math.min(wait, tonumber(oldest[2]) - now) end
return {0, math.max(wait, 1), limit, now}
"""
)

#: KEYS inflight, done, state; ARGV slot id, sent (0/1), status (0: none),
#: retry_after_us (-1: none), max, per_us, lease_us, cut factor, recovery step.
#: Returns {limit, pause_left_us, freed_now (0/1)}.
RELEASE = (
    _PRELUDE
    + """
local sent, status, retry_after = ARGV[2] == '1', tonumber(ARGV[3]), tonumber(ARGV[4])
local max, per, lease = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local cut, step = tonumber(ARGV[8]), tonumber(ARGV[9])
redis.call('ZREM', KEYS[1], ARGV[1])
if sent then
  redis.call('ZADD', KEYS[2], us(now + per), ARGV[1])
  redis.call('PEXPIRE', KEYS[2], ms_ttl(per))
end
local state = redis.call('HMGET', KEYS[3], 'paused_until', 'limit', 'last_change')
local paused_until = tonumber(state[1]) or 0
local limit = math.min(tonumber(state[2]) or max, max)
local last_change = tonumber(state[3])
local calm = last_change == nil or now - last_change >= per
local raised = false
if status == 429 then
  local pause = per
  if retry_after >= 0 then pause = retry_after end
  paused_until = math.max(paused_until, now + pause)
  if calm then
    limit = math.max(1, math.floor(limit * cut))
    last_change = now
  end
elseif sent and status > 0 and status < 400 and limit < max and calm then
  limit = math.min(max, limit + math.max(1, math.floor(max * step)))
  last_change = now
  raised = true
else
  return {limit, math.max(paused_until - now, 0), sent and 0 or 1}
end
redis.call('HSET', KEYS[3], 'paused_until', us(paused_until), 'limit', limit,
  'last_change', us(last_change))
redis.call('PEXPIRE', KEYS[3], ms_ttl(math.max(paused_until - now, 0) + per + lease))
return {limit, math.max(paused_until - now, 0), (raised or not sent) and 1 or 0}
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
