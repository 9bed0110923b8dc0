-- Les échelles de réaction du plugin crise.
local echelles = require "crise.echelles"

local function ids(steps)
  local out = {}
  for i, s in ipairs(steps) do out[i] = s.id end
  return table.concat(out, ",")
end

describe("échelles", function()
  it("le cas no 1 : dialogue, avertissement, exclusion motivée", function()
    local steps = echelles.dialogue_avertissement_exclusion { menaces = { "menaces" } }
    expect(ids(steps)).to_equal("dialogue,avertissement,exclusion")
    expect(steps[3].record_reasons).to_equal(true)
  end)
  it("malveillance, fuite et sollicitation", function()
    expect(ids(echelles.malveillance {})).to_equal("preuves,reponse-factuelle,signalement,conseil-juridique")
    expect(ids(echelles.fuite {})).to_equal("retrait,prevenir,rappel,plan-correctif")
    expect(ids(echelles.sollicitation {})).to_equal("ne-pas-repondre,bloquer-signaler,prevenir-clients")
  end)
end)
