-- wrk script for bench/run.sh: POST the peers' contact-form entry.
-- env: WRK_KIND  json (default) | form (urlencoded) | invalid (JSON that fails the schema: bad email, short message)
--      WRK_ACCEPT Accept header (default application/json; a browser form post sends text/html,...)
--      WRK_ORIGIN Origin header (unset: none)
-- done() prints the same RESULT line as the peers' scripts (latencies in microseconds; non2xx = status >= 400).
local message = "Hello! I found your site while looking for a team to help us migrate our "
  .. "marketing pages to a JAMstack setup with a headless CMS. We need around twenty static "
  .. "pages, a blog and a contact form that stores entries in the CMS. Could you send a rough "
  .. "estimate and your availability for next month? Thanks, Jane."
local function urlencode(s)
  s = s:gsub("[^%w%-%._~ ]", function(c) return string.format("%%%02X", string.byte(c)) end)
  return (s:gsub(" ", "+"))
end
local kind = os.getenv("WRK_KIND") or "json"
wrk.method = "POST"
wrk.headers["Accept"] = os.getenv("WRK_ACCEPT") or "application/json"
local origin = os.getenv("WRK_ORIGIN")
if origin and origin ~= "" then wrk.headers["Origin"] = origin end
if kind == "form" then
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.body = "name=" .. urlencode("Jane Doe") .. "&email=" .. urlencode("jane.doe@example.com")
    .. "&message=" .. urlencode(message)
elseif kind == "invalid" then
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"name":"J","email":"jane.doe(at)example.com","message":"Hi"}'
else
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"name":"Jane Doe","email":"jane.doe@example.com","message":"' .. message .. '"}'
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.2f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d sockerr=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
