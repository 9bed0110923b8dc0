-- La règle 5 de seeds/000 et le registre des consentements du profil.
describe("registre des consentements", function()
  it("nommer Mme Tremblay, qui n'a pas consenti, est signalé", function()
    expect(check { text = "Merci à Mme Tremblay pour sa confiance !", actor = "nadia" }).to_flag("consentement-client")
  end)
  it("nommer M. Gagnon sur la page, pendant son accord, passe", function()
    expect(check { text = "Merci à M. Gagnon pour sa belle référence !", actor = "nadia", platform = "facebook",
                   handle = "eclatnet.laval", time = "2026-03-02T12:00:00-05:00" }).to_pass("consentement-client")
  end)
  it("un inconnu qui nomme un client relève d'une autre règle", function()
    expect(check { text = "Vous faites le ménage chez les Tremblay ?", kind = "direct-message" })
      .to_flag("mefiance-inconnus")
  end)
end)
