-- Running indicators' examples: each example is a person's posts in a
-- fresh history, so the history of a real run (the REPL's, a test's) is
-- put aside first and given back afterwards.

local E = ...
local ipairs, pairs = ipairs, pairs

local saved = nil

-- history("save"): puts the indicators' history aside (they start empty);
-- history("reset"): empties it (the next example); history("restore"):
-- gives the history put aside back.
function E.entry.history(what)
  local active = E.active()
  if what == "save" then
    saved = {}
    for _, d in ipairs(active) do
      if d.indicator then
        saved[d] = { d.states, d.nstates, d.clock }
        d.states, d.nstates, d.clock = {}, 0, 0
      end
    end
  elseif what == "reset" then
    for _, d in ipairs(active) do
      if d.indicator then d.states, d.nstates, d.clock = {}, 0, 0 end
    end
  elseif what == "restore" and saved then
    for d, s in pairs(saved) do d.states, d.nstates, d.clock = s[1], s[2], s[3] end
    saved = nil
  end
end
