-- Les règles du plugin donnees-personnelles (voir plugin.lua) ; leurs textes en
-- français et en anglais.
--
-- Paramètre « analyse » : « linguistique » (par défaut) ajoute les
-- identifiants annoncés par leur nom (« mon NAS : … », un numéro de carte, un
-- NIP, un permis de conduire), même quand leur clé de contrôle ne tombe pas
-- juste, et laisse passer les coordonnées qu'une personne de l'extérieur
-- donne en privé à l'organisation (elle ne publie rien). « lexique » garde la
-- lecture de la version 1.0.
local params = params
local menaces = params.menaces
local LINGUISTIQUE = params.analyse ~= "lexique"
local audience = require "reputation.audience"

-- Someone outside writing privately to the organisation publishes nothing.
local function private_from_outside(post, ctx)
  if not LINGUISTIQUE or post.kind ~= "direct-message" then return false end
  return audience.outside((audience.of(post, ctx)))
end

-- Identifiers named before their number: the cue, a few words, the number
-- (any checksum: a consultant flags "mon NAS : 123 456 789" all the same).
local annonces = LINGUISTIQUE and ling.pattern {
  { pattern = "(nas | sin | assurance sociale | social insurance | insurance number) …{6} <num:9>", category = "sin" },
  { pattern = "(nir | sécu | sécurité sociale | social security) …{6} <num:13-15>", category = "nir" },
  { pattern = "(nir | sécu | sécurité sociale | social security) …{6} <num:9>", category = "sin" },
  { pattern = "transit …{3} <num:5> …{8} compte|account …{2} <num:5-12>", category = "compte-bancaire" },
  { pattern = "(compte | account) (bancaire | bank | number | no)? …{3} <num:7-12>", category = "compte-bancaire" },
  { pattern = "carte|card|visa|mastercard|amex|crédit|credit|débit|debit …{6} <num:13-19>", category = "carte" },
  { pattern = "nip|pin …{12} <num:4-6>", category = "nip" },
  { pattern = "(code secret | mot de passe | password) …{5} <num:4-8>", category = "nip" },
  { pattern = "(permis de conduire | licence de conduire | driver's licence | driver's license | drivers licence | driving licence | driver licence) …{8} <word>? <num:6-14>", category = "permis" },
  { pattern = "passeport|passport …{6} <word>? <num:6-9>", category = "passeport" },
  { pattern = "(assurance maladie | carte soleil | health card | ramq | ohip) …{5} <word>? <num:6-12>", category = "assurance-maladie" },
  { pattern = "iban …{4} <num:2-34>", category = "iban" },
} or nil

local function digits(s) return (s:gsub("%D", "")) end

local public_numbers = {}
for _, n in ipairs(params.numeros_publics) do public_numbers[digits(n)] = true end

local public_domains = {}
for _, d in ipairs(params.domaines_publics) do public_domains[text.fold(d)] = true end

local function domain_of(address)
  return text.fold(address:match("@%s*(.+)$") or "")
end

rule "telephone-personnel" {
  title = { fr = "Numéro de téléphone personnel publié", en = "Personal phone number posted" },
  description = {
    fr = "Un numéro de téléphone qui n'est pas celui de l'organisation apparaît dans une publication.",
    en = "A phone number that is not the organisation's appears in a post.",
  },
  charter = {
    fr = "Ne jamais publier son numéro personnel ni celui de quelqu'un d'autre : seul le numéro de l'organisation peut circuler.",
    en = "Never post your own number or anyone else's: only the organisation's number goes out.",
  },
  severity = params.severite,
  mitigates = menaces,
  advice = { fr = "Retirer le numéro de la publication ; donner le numéro de l'organisation à la place.",
             en = "Remove the number from the post; give the organisation's number instead." },
  check = function(post, ctx)
    if private_from_outside(post, ctx) then return end
    local found = {}
    for _, m in ipairs(pii.phones(post.text)) do
      local n = digits(m.value or m.text)
      local national = n:sub(-10)
      if not public_numbers[n] and not public_numbers[national] then found[#found + 1] = m end
    end
    if #found > 0 then ctx:flag { evidence = found } end
  end,
  examples = {
    flag = { "Pour les soumissions, textez-moi au 514 555-0142 !", "Mon cell : 06 12 34 56 78",
             "Text me at 902 555-0188 for a spot this week." },
    pass = { "Bonne semaine à tous nos clients !", "Commande no 4521337 livrée le 12/03" },
  },
}

rule "courriel-personnel" {
  title = { fr = "Courriel personnel publié", en = "Personal email address posted" },
  charter = {
    fr = "Pour être contacté, on donne l'adresse de l'organisation, jamais une adresse personnelle.",
    en = "To be reached, give the organisation's address, never a personal one.",
  },
  severity = "medium",
  mitigates = menaces,
  advice = { fr = "Remplacer le courriel personnel par l'adresse de l'organisation.",
             en = "Replace the personal address with the organisation's." },
  check = function(post, ctx)
    if private_from_outside(post, ctx) then return end
    local found = {}
    for _, m in ipairs(pii.emails(post.text)) do
      if not public_domains[domain_of(m.value or m.text)] then found[#found + 1] = m end
    end
    if #found > 0 then ctx:flag { evidence = found } end
  end,
  examples = {
    flag = { "Écrivez-moi à nadia.b.1984@exemple.fr" },
    pass = { "Écrivez-nous depuis le formulaire du site" },
  },
}

rule "adresse-personnelle" {
  title = { fr = "Adresse publiée", en = "Street address posted" },
  description = {
    fr = "Une adresse (la sienne ou celle d'une personne qu'on sert) permet de suivre quelqu'un jusque chez lui.",
    en = "An address (your own or that of someone the organisation serves) lets anyone follow a person home.",
  },
  charter = {
    fr = "Ne jamais publier d'adresse : ni la sienne, ni celle d'une personne qu'on sert, ni l'endroit où l'on se trouve aujourd'hui.",
    en = "Never post an address: not yours, not that of someone we serve, not where you are today.",
  },
  severity = params.severite,
  mitigates = menaces,
  advice = { fr = "Retirer l'adresse ; parler du quartier ou de la ville au plus.",
             en = "Remove the address; name the neighbourhood or the town at most." },
  check = function(post, ctx)
    if private_from_outside(post, ctx) then return end
    local found = pii.addresses(post.text)
    if #found > 0 then ctx:flag { evidence = found } end
  end,
  examples = {
    flag = { "Grand ménage terminé au 4521, boulevard Saint-Laurent, app. 3 !", "Clés déposées au 12 rue des Lilas" },
    pass = { "Grand ménage terminé à Laval aujourd'hui !", "Busy day in Halifax today!" },
  },
}

rule "identifiant-officiel" {
  title = { fr = "Identifiant officiel ou bancaire publié", en = "Official or bank identifier posted" },
  description = {
    fr = "Numéro d'assurance sociale, NIR ou IBAN : des identifiants qu'on ne publie jamais.",
    en = "A social insurance number, a French NIR or an IBAN: identifiers that are never posted.",
  },
  charter = {
    fr = "Les numéros officiels et bancaires ne se publient sous aucune forme, même en partie.",
    en = "Official and bank numbers are never posted, in any form, not even in part.",
  },
  severity = "critical",
  mitigates = menaces,
  advice = { fr = "Retirer la publication tout de suite et prévenir la personne concernée.",
             en = "Remove the post at once and tell the person concerned." },
  check = function(post, ctx)
    local found = {}
    for _, list in ipairs { pii.sins(post.text), pii.nirs(post.text), pii.ibans(post.text) } do
      for _, m in ipairs(list) do found[#found + 1] = m end
    end
    -- Every announced identifier ends with a number of two digits or more:
    -- without one, the text is not analysed at all.
    if annonces and post.text:find("%d%d") then
      -- The number itself is the evidence, labelled as an identifier (masked in reports).
      for _, m in ipairs(annonces:matches(post.text)) do
        local number = m.parts[#m.parts]
        local known = false
        for _, f in ipairs(found) do
          if f.start < number.stop and f.stop > number.start then known = true end
        end
        if not known then found[#found + 1] = { start = number.start, stop = number.stop, label = "identifier" } end
      end
    end
    if #found > 0 then ctx:flag { evidence = found } end
  end,
  examples = {
    flag = { "Mon NAS pour le dossier : 130 692 544", "Virement sur FR76 3000 6000 0112 3456 7890 189 svp" },
    pass = { "Mon numéro de commande : 123 456 789 0", "Commande no 123 456 789 livrée le 12 mars" },
  },
}
