-- Les indicateurs a priori de Nordelia (seeds/002), sur des publications d'Inès.
local DAY = 86400
local monday = 1767607200 -- 2026-01-05T10:00:00Z

local function flagged(result, id)
  for _, x in ipairs(result.flags) do if x == id then return true end end
  return false
end

describe("indicateurs", function()
  it("une rafale de publications par rapport à l'habitude d'Inès", function()
    for d = 0, 3 do check { text = "Bonne journée", actor = "ines", platform = "linkedin", time = monday + d * DAY } end
    local seen = false
    for i = 1, 6 do
      local r = check { text = "Encore un mot " .. i, actor = "ines", platform = "linkedin", time = monday + 4 * DAY + i * 300 }
      seen = seen or flagged(r, "rythme-inhabituel")
    end
    expect(seen).to_be_truthy()
  end)

  it("trois identités pour la même personne", function()
    check { text = "a", actor = "ines", platform = "linkedin", handle = "ines.lavoie" }
    check { text = "b", actor = "ines", platform = "mastodon", handle = "ines_lav" }
    expect(check { text = "c", actor = "ines", platform = "instagram", handle = "ines.lav.perso" }).to_flag("identites-multiples")
  end)

  it("la vie personnelle qui se mêle à l'entreprise", function()
    local r
    for i = 1, 3 do
      r = check { text = "Mon chum et moi au party de Nordelia, soirée " .. i, actor = "ines", platform = "linkedin" }
    end
    expect(r).to_flag("confusion-perso-pro")
  end)

  it("une publication ordinaire ne déclenche rien", function()
    expect(check { text = "Belle conférence sur les tramways à Québec !", actor = "ines", platform = "linkedin" }).to_pass()
  end)
end)
