-- The client's real exports as test fixtures (any format vigie import reads).
describe("exports de l'exemple", function()
  it("la page Facebook : un client nommé sans accord, et une frustration", function()
    local flags = {}
    for _, post in ipairs(fixture("../donnees/facebook")) do
      for _, id in ipairs(check(post).flags) do flags[id] = (flags[id] or 0) + 1 end
    end
    expect(flags["consentement-client"] ~= nil).to_be_truthy()
    expect(flags["emotions-frustrations"]).to_equal(1) -- « j'en ai ras le bol ce soir », by the page itself
  end)
  it("l'archive X de Karine : le numéro personnel", function()
    local found = false
    for _, post in ipairs(fixture("../donnees/twitter")) do
      local r = check(post)
      for _, id in ipairs(r.flags) do if id == "telephone-personnel" then found = true end end
    end
    expect(found).to_be_truthy()
  end)
end)
