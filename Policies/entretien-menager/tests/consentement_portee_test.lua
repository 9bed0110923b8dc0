-- La portée du consentement (profil : `consent` de M. Gagnon et de Mme Côté) :
-- plateformes, usages, début, expiration, retrait ; et les autres noms.
local page = { platform = "facebook", handle = "eclatnet.laval", actor = "nadia" }
local function sur_la_page(text, time)
  return { text = text, platform = page.platform, handle = page.handle, actor = page.actor, time = time }
end

describe("portée du consentement", function()
  it("avant la date de l'accord, nommer M. Gagnon est signalé", function()
    expect(check(sur_la_page("Merci à M. Gagnon pour sa référence !", "2026-01-10T12:00:00-05:00")))
      .to_flag("consentement-client")
  end)
  it("après son expiration aussi", function()
    expect(check(sur_la_page("Merci à M. Gagnon pour sa référence !", "2027-02-01T12:00:00-05:00")))
      .to_flag("consentement-client")
  end)
  it("sur X, que l'accord ne couvre pas, aussi", function()
    expect(check { text = "Merci à M. Gagnon pour sa référence !", platform = "twitter", actor = "karine",
                   time = "2026-03-02T12:00:00-05:00" }).to_flag("consentement-client")
  end)
  it("depuis un compte personnel, hors du canal des références, aussi", function()
    expect(check { text = "Merci à M. Gagnon pour sa référence !", platform = "facebook", actor = "nadia",
                   time = "2026-03-02T12:00:00-05:00" }).to_flag("consentement-client")
  end)
  it("Mme Côté a retiré son accord : la nommer après le retrait est signalé", function()
    expect(check(sur_la_page("Merci à Josée pour son témoignage !", "2026-03-02T12:00:00-05:00")))
      .to_flag("consentement-client")
  end)
  it("avant son retrait, son témoignage passait", function()
    expect(check(sur_la_page("Merci à Mme Côté pour son témoignage !", "2026-01-20T12:00:00-05:00")))
      .to_pass("consentement-client")
  end)
  it("le prénom seul de Mme Tremblay est reconnu", function()
    expect(check(sur_la_page("Merci Sylvie, à mardi !", "2026-03-02T12:00:00-05:00"))).to_flag("consentement-client")
  end)
  it("l'accord se compte en jours de Laval : le 14 janvier à 23 h (heure de l'Est) est avant l'accord", function()
    expect(check(sur_la_page("Merci à M. Gagnon !", "2026-01-15T04:00:00Z"))).to_flag("consentement-client")
  end)
  it("et le 15 janvier à 0 h 30 (heure de l'Est) pendant", function()
    expect(check(sur_la_page("Merci à M. Gagnon !", "2026-01-15T05:30:00Z"))).to_pass("consentement-client")
  end)
end)
