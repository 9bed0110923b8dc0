-- Ce qui annonce une confidence : « c'est confidentiel, mais… », « je n'ai
-- pas le droit d'en dire plus 😉 », « I'm not supposed to say this, but… ».
-- Source : seeds/002 (divulgation compulsive : celle ou celui qui sait qu'il
-- ne devrait pas parler, le dit, et parle quand même).
local C = {}

C.marqueurs = ling.pattern {
  category = "confidence",
  -- en français
  { pattern = "c'est (très | top)? confidentiel|confidentielle|secret", weight = 2.5, language = "fr" },
  { pattern = "(info | infos | information | informations | nouvelle | scoop) confidentielle|confidentielles|secrète|exclusive", weight = 2.5, language = "fr" },
  { pattern = "confidentiel|confidentielle", weight = 2, language = "fr" },
  { pattern = "top secret", weight = 2.5 },
  { pattern = "pas le droit de|d … dire|parler|révéler|nommer|raconter", weight = 2.5, language = "fr" },
  { pattern = "peux|peut|pourrai|pouvons pas … dire|révéler|nommer|raconter", weight = 2, language = "fr" },
  { pattern = "devrais|devrait|devrions pas … dire|parler|partager|raconter", weight = 2.5, language = "fr" },
  { pattern = "censé|supposé … sortir|dire|savoir", weight = 2.5, language = "fr" },
  { pattern = "(ça reste | reste) entre nous", weight = 2.5, language = "fr" },
  { pattern = "(entre nous | entre vous et moi)", weight = 2, language = "fr" },
  { pattern = "chut|chhh|motus", weight = 2, language = "fr" },
  { pattern = "bouche cousue", weight = 2, language = "fr" },
  { pattern = "secret professionnel", weight = 2, language = "fr" },
  { pattern = "promis de … rien dire|taire", weight = 2.5, language = "fr" },
  { pattern = "(dis | dit | dirai | dire) pas qui|plus", weight = 2.5, language = "fr" },
  { pattern = "ne … dis|dit|dirai|dirons … pas|rien|plus … qui|plus", weight = 2.5, language = "fr" },
  { pattern = "ne … nommerai|nommerons|nomme … personne", weight = 2, language = "fr" },
  { pattern = "(j'ai | nous avons | on a) signé … confidentialité", weight = 2.5, language = "fr" },
  { pattern = "🤫|🤐|🙊", weight = 1.5 },
  -- in English
  { pattern = "not supposed|meant to … say|tell|share|know", weight = 2.5, language = "en" },
  { pattern = "(can not | cannot | not allowed to) say|tell|name|share … more|who|names|much|anything", weight = 2.5, language = "en" },
  { pattern = "(can not | cannot) say|tell more|who|much", weight = 2.5, language = "en" },
  { pattern = "not allowed to name|say|tell", weight = 2.5, language = "en" },
  { pattern = "nda", weight = 2, language = "en" },
  { pattern = "(keep this | strictly | just | this stays | it stays) between us|ourselves", weight = 2.5, language = "en" },
  { pattern = "between you and me", weight = 2.5, language = "en" },
  { pattern = "shh|shhh|shhhh", weight = 2, language = "en" },
  { pattern = "(it's | it is | totally) confidential", weight = 2.5, language = "en" },
  { pattern = "confidential info|information|news", weight = 2.5, language = "en" },
  { pattern = "confidential", weight = 2, language = "en" },
  { pattern = "no names", weight = 1, language = "en" }, { pattern = "sans nommer personne", weight = 1, language = "fr" },
  { pattern = "off the record", weight = 2.5, language = "en" },
  { pattern = "(do not | don't) tell anyone", weight = 2.5, language = "en" },
  { pattern = "promise … not|never repeat|tell", weight = 2.5, language = "en" },
  { pattern = "signed a|an confidentiality|non-disclosure agreement", weight = 2.5, language = "en" },
  { pattern = "(probably)? shouldn't|should not share|say|tell", weight = 2.5, language = "en" },
  -- more ways to say it
  { pattern = "faut pas que ça|ce sorte|sache|se sache", weight = 2.5, language = "fr" },
  { pattern = "(ça | cela | ce) ne doit pas sortir|se savoir", weight = 2.5, language = "fr" },
  { pattern = "personne ne doit … savoir", weight = 2.5, language = "fr" },
  { pattern = "ne le dites|dis|répétez|répète … personne|pas", weight = 2.5, language = "fr" },
  { pattern = "(pas encore | pas) officiel|officielle|annoncé|annoncée|public|publique", weight = 1.5, language = "fr" },
  { pattern = "en primeur", weight = 1.5, language = "fr" }, { pattern = "petit|gros scoop", weight = 1.5, language = "fr" },
  { pattern = "je vous|te confie", weight = 1.5, language = "fr" }, { pattern = "sceau du secret", weight = 2.5, language = "fr" },
  { pattern = "peux|peut rien dire", weight = 2, language = "fr" },
  { pattern = "between us", weight = 2, language = "en" },
  { pattern = "not supposed|meant|allowed to talk|mention|post|discuss", weight = 2.5, language = "en" },
  { pattern = "(you did not | you didn't) hear it|this from me", weight = 2.5, language = "en" },
  { pattern = "hush hush|hush-hush", weight = 2, language = "en" }, { pattern = "on the down low|dl", weight = 2, language = "en" },
  { pattern = "keep it quiet|keep it to yourself", weight = 2, language = "en" },
  { pattern = "(can not | cannot) talk about", weight = 2, language = "en" },
  { pattern = "not public|official|announced yet", weight = 1.5, language = "en" },
  { pattern = "(do not | don't) repeat|spread|share this", weight = 2.5, language = "en" },
  { pattern = "(it's | it is | that's | that is) a secret", weight = 2.5, language = "en" },
  { pattern = "sworn to secrecy", weight = 2.5, language = "en" }, { pattern = "under wraps", weight = 2, language = "en" },
  { pattern = "(c'est | c'était) un secret", weight = 2.5, language = "fr" },
  { pattern = "=confidentially|=confidentiellement", weight = 2 }, { pattern = "(petite | une | en) confidence", weight = 2, language = "fr" },
  { pattern = "shouldn't|should not (be)? posting|post|share|sharing|saying|telling", weight = 2.5, language = "en" },
  { pattern = "devrais|devrait pas (publier | écrire | partager | raconter)", weight = 2.5, language = "fr" },
  { pattern = "en secret|secrètement", weight = 2, language = "fr" }, { pattern = "in secret|secretly", weight = 1.5, language = "en" },
  { pattern = "(can not | cannot | not allowed to | can't) (officially)? announce|confirm|reveal", weight = 2.5, language = "en" },
  { pattern = "(peux | peut | pouvons) pas (encore)? (l' | le)? annoncer|confirmer|révéler", weight = 2.5, language = "fr" },
}

-- Ce qui n'est pas une confidence : un film qu'on ne veut pas gâcher, une
-- surprise, une expression (« entre nous soit dit »), une promesse de
-- discrétion faite aux clients.
C.pas_confidence = ling.pattern {
  "film|films|série|séries|finale|épisode|saison|roman|gâcher|divulgâcher|spoiler|spoil|spoiling|movie|movies|novel|season|episode",
  "surprise|anniversaire|cadeau|birthday|gift", "(fête | party) (de | for | pour)",
  "entre nous soit dit",
  "restent|reste|demeurent|demeure|seront|sera|stay|stays|remain|remains|kept|keep|kept|traitées|treated confidentiel|confidentielle|confidentielles|confidential",
  "politique de confidentialité", "privacy policy", "confidentialité de|des (nos | vos | la)?",
  "(nous | we) respectons|protégeons|gardons|respect|protect|keep|guarantee|garantissons",
  "(nos | our) (employées | employés | équipe | staff | team | cleaners) (signent | sign | signs)",
  "(we | nous) (sign | signons | have signed | avons signé) … (agreement | entente) … (with | avec) (every | each | all | chaque | tous | nos | our)",
  "vos|your informations|information|données|data|privacy", "soumission|soumissions|quote|quotes confidentielle|confidentielles|confidential",
  "confidential quotes", "discrétion|discretion (est | is)", "façon|manière confidentielle|discrète", "en toute confidentialité",
  "(treat | treated | handle | handled | kept | processed | traitées | traitons | traités) …{3} confidentially|confidentiellement",
  "secret de|du|d'un|des|to|of", "(le | the) secret",
}

-- The markers of a post that announces a confidence (nothing in questions,
-- nor in the sentences that speak of something else).
function C.confidences(s)
  local skip = {}
  for _, m in ipairs(C.pas_confidence:matches(s)) do skip[m.sentence] = true end
  local found, weight = {}, 0
  -- No negation filter: these markers carry their own ("je ne devrais pas le dire").
  for _, m in ipairs(C.marqueurs:matches(s)) do
    if not skip[m.sentence] then
      found[#found + 1] = m
      weight = weight + m.weight
    end
  end
  if weight >= 2 then return found end
  return {}
end

return C
