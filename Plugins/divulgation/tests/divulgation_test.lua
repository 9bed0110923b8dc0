-- Tests du plugin divulgation (seeds/002), avec la politique d'essai voisine.
local DAY = 86400
local monday = 1767607200 -- 2026-01-05T10:00:00Z

describe("information classifiée", function()
  it("signale un nom de code sur un canal public", function()
    expect(check { text = "Le projet Atlas avance bien !", actor = "alex", platform = "linkedin" })
      .to_flag("information-classifiee")
  end)
  it("laisse passer un niveau permis par un message direct", function()
    expect(check { text = "Le prix soumis est prêt.", actor = "alex", kind = "direct-message", visibility = "direct" })
      .to_pass("information-classifiee")
  end)
end)

describe("l'entreprise prise pour sujet", function()
  it("signale la vie interne racontée en nommant l'employeur", function()
    expect(check { text = "Chez Exemplia, la direction annonce des licenciements.", actor = "alex" })
      .to_flag("entreprise-sujet")
  end)
  it("laisse passer la fierté d'y travailler", function()
    expect(check { text = "Fier de travailler chez Exemplia !", actor = "alex" }).to_pass("entreprise-sujet")
  end)
end)

describe("canaux approuvés", function()
  it("signale l'entreprise sur une plateforme non approuvée", function()
    expect(check { text = "Souper d'équipe Exemplia", actor = "alex", platform = "instagram" }).to_flag("canal-non-approuve")
  end)
end)

describe("indicateurs a priori", function()
  it("signale une rafale par rapport à l'habitude de la personne", function()
    for d = 0, 3 do check { text = "bonjour", actor = "alex", time = monday + d * DAY } end
    local flagged_at
    for i = 1, 6 do
      local r = check { text = "encore un message " .. i, actor = "alex", time = monday + 4 * DAY + i * 600 }
      for _, id in ipairs(r.flags) do
        if id == "rythme-inhabituel" then flagged_at = flagged_at or i end
      end
    end
    -- five messages in a day, against one a day before: signalled once, at the fifth
    expect(flagged_at).to_equal(5)
  end)
  it("signale des publications nocturnes répétées", function()
    local r
    for d = 0, 2 do r = check { text = "insomnie", actor = "alex", time = monday - 8 * 3600 + d * DAY } end
    expect(r).to_flag("publication-nocturne")
  end)
  it("signale une troisième identité", function()
    check { text = "a", actor = "alex", platform = "linkedin", handle = "alex.martin" }
    check { text = "b", actor = "alex", platform = "mastodon", handle = "alexm" }
    expect(check { text = "c", actor = "alex", platform = "twitter", handle = "am_2026" }).to_flag("identites-multiples")
  end)
  it("signale la vie personnelle qui se mêle à l'entreprise", function()
    local r
    for i = 1, 3 do r = check { text = "Mon chum et moi au party d'Exemplia " .. i, actor = "alex" } end
    expect(r).to_flag("confusion-perso-pro")
  end)
end)
