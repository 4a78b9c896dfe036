-- wrk script for bench/serve: POSTs request bodies read from a file, one JSON body a line, in rotation.
--
--   BODIES=var/bench/bodies.jsonl KEY=secret wrk -t2 -c32 -d10s -s bench/score.lua --latency http://127.0.0.1:8080/v1/score
--
-- BODIES  file of request bodies, one a line ({"lead": {...}, "explain": true} or {"leads": [...], "explain": true})
-- KEY     bearer key (sent as Authorization: Bearer KEY when set)
-- FRESH   1 (default): every "Id":"..." in a body gets a new 15-character Salesforce Id on each request, so
--         no two requests carry the same lead: the server's result cache and automatic replay (same lead id,
--         same inputs) never answer and every request is scored. 0: bodies are sent exactly as in the file.
-- RUN     two letters or digits that make this run's Ids differ from other runs' (warm-up vs measured run).
--
-- Each wrk thread runs this file in its own Lua state; `setup` numbers them so their Ids never collide.

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local pieces = {}   -- per body: the text around each Id, in order
local bodies = {}   -- per body: the body as in the file
local next_body = 0
local counter = 0
local fresh = os.getenv("FRESH") ~= "0"
local run = (os.getenv("RUN") or string.format("%02d", os.time() % 100)):sub(1, 2)
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  local path = os.getenv("BODIES") or error("set BODIES to a file of request bodies, one JSON body a line")
  local file = io.open(path, "r") or error("cannot open " .. path)
  for line in file:lines() do
    if #line > 0 then
      bodies[#bodies + 1] = line
      local parts, start = {}, 1
      while true do
        local first, last = line:find('"Id":"%w+"', start)
        if not first then break end
        parts[#parts + 1] = line:sub(start, first + 5)   -- up to and including "Id":"
        start = last                                      -- resume at the closing quote
      end
      parts[#parts + 1] = line:sub(start)
      pieces[#pieces + 1] = parts
    end
  end
  file:close()
  if #bodies == 0 then error(path .. " holds no bodies") end
  local key = os.getenv("KEY")
  if key and #key > 0 then headers["Authorization"] = "Bearer " .. key end
  -- Start the threads at different places in the rotation.
  next_body = ((thread_number or 1) - 1) * math.floor(#bodies / 2)
end

-- "00Q" + run (2) + thread (1) + counter (9): 15 letters and digits, a well-formed Salesforce Id.
local function new_id()
  counter = counter + 1
  return string.format("00Q%s%d%09d", run, (thread_number or 1) % 10, counter)
end

function request()
  next_body = next_body % #bodies + 1
  local body
  if fresh then
    local parts = pieces[next_body]
    local out = { parts[1] }
    for i = 2, #parts do
      out[#out + 1] = new_id()
      out[#out + 1] = parts[i]
    end
    body = table.concat(out)
  else
    body = bodies[next_body]
  end
  return wrk.format("POST", nil, headers, body)
end
