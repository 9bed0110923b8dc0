-- params: { ["donnees-personnelles"] = { numeros_publics = { "514 555-0142" }, severite = "medium" } }
-- Avec des paramètres donnés par le fichier de test (première ligne).
describe("paramètres du plugin", function()
  it("un numéro public de l'organisation passe", function()
    expect(check("Appelez-nous au 514 555-0142")).to_pass("telephone-personnel")
  end)
  it("un autre numéro est signalé, avec la gravité choisie", function()
    local r = check("Mon cell : 438 555-0199")
    expect(r).to_flag("telephone-personnel")
    expect(r.findings[1].severity).to_equal("medium")
  end)
end)
