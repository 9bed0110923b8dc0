-- params: { ["donnees-personnelles"] = { analyse = "lexique" } }
-- La lecture de la version 1.0 (analyse = "lexique") : seuls les identifiants
-- dont la clé de contrôle tombe juste sont signalés.
describe("mode lexique", function()
  it("ignore un NAS qui échoue à Luhn et un IBAN à la clé fausse", function()
    expect(check("NAS : 130 692 545")).to_pass("identifiant-officiel")
    expect(check("IBAN FR76 3000 6000 0112 3456 7890 188")).to_pass("identifiant-officiel")
    expect(check("NAS : 130 692 544")).to_flag("identifiant-officiel")
  end)
  it("signale les coordonnées reçues en privé comme les autres", function()
    expect(check { text = "Vous pouvez me rappeler au 450 555-0144", kind = "direct-message" }).to_flag("telephone-personnel")
  end)
end)
