-- Les tournures du plugin absences (mode « linguistique »), en français et en
-- anglais : partir, être absent, une maison vide, les clés et les codes.
local A = {}

local TEMPS_FR = "demain|soir|nuit|samedi|dimanche|lundi|mardi|mercredi|jeudi|vendredi|prochain|prochaine|"
  .. "semaine|semaines|mois|jour|jours|jusqu'|jusque|hiver|été|janvier|février|mars|avril|mai|juin|juillet|août|"
  .. "septembre|octobre|novembre|décembre|matin"
local TEMPS_EN = "tomorrow|tonight|today|weekend|next|saturday|sunday|monday|tuesday|wednesday|thursday|friday|"
  .. "until|till|week|weeks|month|months|days|winter|summer|january|february|march|april|may|june|july|august|"
  .. "september|october|november|december|morning"
local PART_FR = "=part|=pars|=partons|=partent|=partira|=partirons|=partirai|envole|envolent|=quittons|absent|absente|absents|absentes"
local PART_EN = "=leaving|=leave|=away|=gone|=departing"

-- Partir, être absent, et quand.
A.depart = ling.pattern {
  category = "absence",
  { pattern = PART_FR .. " …{6} " .. TEMPS_FR, weight = 2, language = "fr" },
  { pattern = "(suis | est | sont | sommes | êtes) (partie | parties | partis | parti) …{6} " .. TEMPS_FR, weight = 2, language = "fr" },
  { pattern = "(suis | est | sont | sommes | êtes) (partie | parties | partis | parti) (en | au | à | aux | pour) <name>|voyage|vacances|croisière|chalet", weight = 2, language = "fr" },
  { pattern = TEMPS_FR .. " …{4} " .. PART_FR, weight = 2, language = "fr" },
  { pattern = "(en vacances | en voyage | en croisière | au chalet | départ pour | loin d) …{6} " .. TEMPS_FR, weight = 2, language = "fr" },
  { pattern = TEMPS_FR .. " …{4} (en vacances | en voyage | en croisière | au chalet)", weight = 2, language = "fr" },
  { pattern = "(pas là | pas ici) …{5} " .. TEMPS_FR, weight = 2, language = "fr" },
  { pattern = "(sommes | sont | est | suis | serons | seront | sera) (au | à | en) <name>|chalet …{4} " .. TEMPS_FR, weight = 2, language = "fr" },
  { pattern = "pendant (son | leur | leurs | notre | mon) absence|absences|vacances|voyage", weight = 2, language = "fr" },
  { pattern = "<num>|deux|trois|quatre semaines|jours|mois (au | à | en | aux) <name>", weight = 2, language = "fr" },
  { pattern = PART_EN .. " …{6} " .. TEMPS_EN, weight = 2, language = "en" },
  { pattern = "(off to | heading to | heading for | head to | heading out | flying to | flying out | fly out | fly to | taking off | left for | on vacation | on holiday | on a trip | on a cruise | to the cottage | for the cottage | at the cottage) …{6} " .. TEMPS_EN, weight = 2, language = "en" },
  { pattern = TEMPS_EN .. " …{3} (flying out | heading out | taking off)", weight = 2, language = "en" },
  { pattern = "(on ferme | nous fermons | je ferme) la maison", weight = 2, language = "fr" },
  { pattern = "direction (la | le | les)? <name> …{4} " .. TEMPS_FR, weight = 2, language = "fr" },
  { pattern = TEMPS_EN .. " …{4} (off to | on vacation | on holiday | on a cruise | at the cottage)", weight = 2, language = "en" },
  { pattern = "out of office|town", weight = 1.5, language = "en" },
  { pattern = "(are | is | will be | we'll be | i'll be) in <name> …{3} " .. TEMPS_EN, weight = 2, language = "en" },
  { pattern = "<num>|two|three|four weeks|days|months in|to <name>", weight = 2, language = "en" },
  { pattern = "(all | the whole) of? august|july|june|winter|summer|month|week", weight = 1, language = "en" },
  { pattern = "gone from … to|until", weight = 2, language = "en" },
  { pattern = "while (they're | they are | she's | she is | he's | he is | we're | we are) away|gone", weight = 2, language = "en" },
}
-- Une maison vide, et les jours où elle l'est.
A.maison_vide = ling.pattern {
  category = "maison-vide",
  { pattern = "maison|appartement|condo … (sera | va être | est) … (vide | tranquille | à nous | à mon chat)", weight = 2, language = "fr" },
  { pattern = "personne à la maison", weight = 2, language = "fr" },
  { pattern = "jamais là le|les lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|soir|matin|lundis|mardis|mercredis|jeudis|vendredis|samedis|dimanches", weight = 2, language = "fr" },
  { pattern = "house|place|home … (will be | is) … (empty | quiet)", weight = 2, language = "en" },
  { pattern = "personne chez (les | le | la | m | mme | madame | monsieur)? <name>", weight = 2, language = "fr" },
  { pattern = "(nobody | no one) …{3} home", weight = 2, language = "en" },
  { pattern = "personne …{3} à la maison|chez eux|chez elle|chez lui", weight = 2, language = "fr" },
  { pattern = "house to ourselves|myself", weight = 2, language = "en" },
  { pattern = "never home on", weight = 2, language = "en" },
}
-- Ce qui n'est pas une annonce : un conseil, une promotion, un souhait, un
-- retour, une question.
A.pas_annonce = ling.pattern {
  "de retour", "revenu|revenue|revenus|rentré|rentrée|rentrés|souvenir|souvenirs", "l'an dernier|passé", "l'année dernière",
  "(back | home) from", "(got back | came back | returned)", "last year|summer|winter",
  "conseil|conseils|astuce|truc|trucs|pensez|n'oubliez", "avant de partir", "tip|tips", "before you travel|leave|go",
  "promo|promotion|rabais|solde|soldes|réservez|réservation|carte-cadeau|cartes-cadeaux|offre", "sale|discount|book|booking|gift",
  "fermé|fermés|fermeture", "closed|closing", "(bonnes vacances | bon voyage | bon repos)", "happy holidays", "enjoy",
  "hâte|rêve|rêver|suggestions", "dream|dreaming|suggestions", "(les | des) vacances de|scolaires",
}
-- Comment entrer : une clé cachée, un code, une alarme éteinte.
A.acces = ling.pattern {
  category = "acces",
  { pattern = "clé|clés|clef|clefs|double …{8} (sous | dans | derrière | près) … paillasson|tapis|pot|boîte|bac|roche|pierre|garage|cabanon|jardinière|lettres", weight = 2.5, language = "fr" },
  { pattern = "key|keys|spare …{8} (under | in | behind | above | near) … mat|pot|flowerpot|planter|rock|garage|shed|mailbox|lockbox|frame", weight = 2.5, language = "en" },
  { pattern = "code|codes (de la porte | de porte | d'alarme | de l'alarme | du garage | du cadenas | d'entrée | de la maison | du système) …{3} <num>", weight = 2.5, language = "fr" },
  { pattern = "(never | jamais) (sets | set | arms | arm | met | active | allume) … alarm|alarme", weight = 2.5 },
  { pattern = "alarm|door|garage|gate code|codes …{3} <num>", weight = 2.5, language = "en" },
  { pattern = "alarme|système … (désactivée | désactivé | éteinte | en panne | jamais activée | oublie | débranché | débranchée | hors service)", weight = 2.5, language = "fr" },
  { pattern = "alarm … (off | disabled | broken | unplugged | forgets | never set | not set | not armed)", weight = 2.5, language = "en" },
  { pattern = "door|keypad|porte|clavier|garage|alarm|alarme|gate|portail …{4} pin|nip|code|combination|combinaison …{3} <num:3-8>", weight = 2.5 },
  { pattern = "porte …{4} (toujours | jamais)? (déverrouillée | débarrée | ouverte | pas barrée | pas verrouillée)", weight = 2.5, language = "fr" },
  { pattern = "door …{4} (always | never)? (unlocked | open)", weight = 2.5, language = "en" },
  { pattern = "(leaves | leave | left) the? back|front|side|garage? door unlocked|open", weight = 2.5, language = "en" },
}

-- Ce que l'organisation dit d'elle-même (« nous serons au Salon samedi ») :
-- ses bureaux ne sont pas un domicile ; ce qu'elle dit de ses clients compte.
A.nous = ling.pattern { "nous|on|notre|nos|we|our|us", "=nous =serons", "we will be" }
A.tiers = ling.pattern {
  "client|cliente|clients|clientes|propriétaires|owner|owners|customer|customers", "famille|family",
}

-- The sentence (index in ling.sentences) of each detector match, by its offsets.
function A.sentence_of(s, m, sentences)
  sentences = sentences or ling.sentences(s)
  for i, x in ipairs(sentences) do
    if m.start < x.stop and m.stop > x.start then return i end
  end
  return nil
end

return A
