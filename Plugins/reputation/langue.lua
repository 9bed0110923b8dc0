-- Le vocabulaire et les tournures du plugin reputation (mode « linguistique »),
-- en français (Québec compris) et en anglais. Les mots se comparent par leur
-- radical (« bâclé » trouve « baclées ») ; « =mot » exige ce mot exact,
-- « mot* » un début de mot ; « … » laisse passer quelques mots.
-- Les poids vont de 0,5 (indice faible) à 3 (sans ambiguïté).
local L = {}

local function merge(...)
  local out = {}
  for i = 1, select("#", ...) do
    for _, m in ipairs((select(i, ...))) do out[#out + 1] = m end
  end
  return out
end
L.merge = merge

-- Les phrases où se trouve une des correspondances.
function L.sentences(matches)
  local s = {}
  for _, m in ipairs(matches) do s[m.sentence] = true end
  return s
end

-- Les correspondances hors des phrases données.
function L.outside(matches, sentences)
  local out = {}
  for _, m in ipairs(matches) do
    if not sentences[m.sentence] then out[#out + 1] = m end
  end
  return out
end

-- La somme des poids.
function L.weight(matches)
  local w = 0
  for _, m in ipairs(matches) do w = w + (m.weight or 1) end
  return w
end

-- Les correspondances sans doublon ni chevauchement : la plus lourde d'abord,
-- puis la plus longue, puis la première ; le résultat, dans l'ordre du texte.
function L.distinct(matches)
  local order = {}
  for i, m in ipairs(matches) do order[i] = m end
  table.sort(order, function(a, b)
    local wa, wb = a.weight or 1, b.weight or 1
    if wa ~= wb then return wa > wb end
    if (a.stop - a.start) ~= (b.stop - b.start) then return (a.stop - a.start) > (b.stop - b.start) end
    return a.start < b.start
  end)
  local kept = {}
  for _, m in ipairs(order) do
    local free = true
    for _, k in ipairs(kept) do
      if m.start < k.stop and k.start < m.stop then free = false break end
    end
    if free then kept[#kept + 1] = m end
  end
  table.sort(kept, function(a, b) return a.start < b.start end)
  return kept
end

-- Les correspondances qui ne chevauchent aucune de `others`.
function L.apart(matches, others)
  local out = {}
  for _, m in ipairs(matches) do
    local free = true
    for _, o in ipairs(others) do
      if m.start < o.stop and o.start < m.stop then free = false break end
    end
    if free then out[#out + 1] = m end
  end
  return out
end

-- ---------------------------------------------------------------------------
-- Ce qui, dans un texte, parle d'autre chose que de l'organisation : une autre
-- entreprise, une chanson, un film, les nouvelles. Les indices trouvés dans ces
-- phrases ne comptent pas.
-- ---------------------------------------------------------------------------
L.ailleurs = ling.pattern {
  "ancienne|ancien|autre|précédente|dernière|dernier compagnie|entreprise|agence|femme|équipe",
  "=pas =vous", "à part vous", "contrairement à vous", "comme l'autre",
  "old|previous|former|other|last cleaning? company|cleaner|cleaners|service|agency|lady|guy",
  "=not =you", "unlike you",
  "chanson|chansons|paroles|refrain|film|films|série|séries|saison|épisode|émission|roman|balado|radio",
  "song|songs|lyrics|movie|movies|series|season|episode|podcast|radio|earworm",
  "🎶|🎵|🎤|🎬",
}

-- Le rire et la plaisanterie : ce qui suit n'est pas à prendre au pied de la lettre.
L.rire = ling.lexicon {
  "😂", "🤣", "😆", "😹", "lol", "mdr", "haha", "hahaha", "hihi", "ptdr", "jk", "kidding", "je blague", "je niaise",
  "c'est une blague", "just kidding",
}

-- ---------------------------------------------------------------------------
-- Avis négatif d'un client : ce qui dit qu'un service a déçu.
-- ---------------------------------------------------------------------------
L.plainte = ling.lexicon {
  language = "fr", category = "plainte",
  { term = "bâclé", weight = 2 }, { term = "bâcler", weight = 2 }, { term = "fait à moitié", weight = 2.5 },
  { term = "mal fait", weight = 2 }, { term = "travail ordinaire", weight = 1.5 }, { term = "ordinaire", weight = 0.5 },
  { term = "décevant", weight = 2 }, { term = "déçu", weight = 2 }, { term = "déception", weight = 2 },
  { term = "inacceptable", weight = 2 }, { term = "inadmissible", weight = 2 }, { term = "inexistant", weight = 1.5 },
  { term = "amateur", weight = 1.5 }, { term = "médiocre", weight = 2 }, { term = "lamentable", weight = 2 },
  { term = "honteux", weight = 2 }, { term = "scandaleux", weight = 2 }, { term = "à éviter", weight = 2 },
  { term = "fuyez", weight = 1.5 }, { term = "trop cher", weight = 1.5 }, { term = "hors de prix", weight = 1.5 },
  { term = "pas à la hauteur", weight = 2 }, { term = "je m'attendais à mieux", weight = 2 },
  { term = "sale", weight = 1.5 }, { term = "saleté", weight = 1.5 }, { term = "crasse", weight = 1.5 },
  { term = "crasseux", weight = 1.5 }, { term = "dégueulasse", weight = 2 }, { term = "poussière partout", weight = 1 },
  { term = "poussière", weight = 1 },
  -- Participles: folded, « cassé » is also « casse » (it breaks), « oublié » is
  -- « oublie » (I forget): the masculine singular counts after an auxiliary only.
  { term = "=a|=ont|=avez|=as|=ete|=est|=sont|=etait|=etaient|=tout =raye|=egratigne|=casse|=brise|=abime|=endommage|=oublie|=ignore|=tache", weight = 1.5 },
  { term = "=rayee|=rayees|=rayes|=egratignee|=egratignees|=cassee|=cassees|=casses|=brisee|=brisees|=brises", weight = 1.5 },
  { term = "=abimee|=abimees|=abimes|=endommagee|=endommagees|=endommages|=oubliee|=oubliees|=oublies", weight = 1.5 },
  { term = "=ignoree|=ignorees|=ignores|=tachee|=tachees|=taches", weight = 1.5 }, { term = "en retard", weight = 1.5 },
  { term = "retard", weight = 1.5 }, { term = "sans prévenir", weight = 1.5 }, { term = "sans réponse", weight = 1.5 },
  { term = "aucune réponse", weight = 1.5 }, { term = "aucune nouvelle", weight = 1.5 },
  { term = "j'attends toujours", weight = 2 }, { term = "toujours pas", weight = 1 },
  { term = "remboursement", weight = 1 }, { term = "rembourser", weight = 1 },
  { term = "annulé à la dernière minute", weight = 2 }, { term = "à la dernière minute", weight = 1 },
  { term = "fâché", weight = 1.5 }, { term = "furieux", weight = 2 }, { term = "furieuse", weight = 2 },
  { term = "en colère", weight = 1.5 }, { term = "mécontent", weight = 2 }, { term = "insatisfait", weight = 2 },
  { term = "une étoile", weight = 2 }, { term = "1 étoile", weight = 2 }, { term = "zéro étoile", weight = 2 },
  { term = "plus jamais", weight = 2 }, { term = "non merci", weight = 1 }, { term = "de pire en pire", weight = 2 },
  { term = "qui va payer", weight = 1.5 }, { term = "à quoi ça sert", weight = 1.5 },
  { term = "me poser des questions", weight = 1 }, { term = "je ne vous rappellerai", weight = 2 },
  { term = "annulé mon contrat", weight = 1.5 }, { term = "résilier", weight = 1.5 }, { term = "plainte", weight = 1.5 },
  { term = "me plaindre", weight = 1.5 }, { term = "à cause de vous", weight = 1.5 }, { term = "coup de guenille", weight = 1 },
  { term = "il me manque", weight = 1.5 }, { term = "disparu", weight = 1 }, { term = "depuis votre passage", weight = 1 },
  { term = "depuis leur passage", weight = 1 }, { term = "après votre passage", weight = 1 },
  { term = "pas sérieux", weight = 2 }, { term = "n'importe quoi", weight = 1.5 }, { term = "=arnaquée|=arnaqués|=arnaquées", weight = 2 },
  { term = "facturé", weight = 0.5 }, { term = "encaissé", weight = 1 }, { term = "dépôt", weight = 0.5 },
  { term = "prix fort", weight = 1.5 }, { term = "🙄", weight = 0.5 }, { term = "😡", weight = 1 }, { term = "😠", weight = 1 },
  { term = "👎", weight = 1.5 },
  { term = "pas fort", weight = 1.5 }, { term = "pas terrible", weight = 1.5 }, { term = "bof", weight = 1 },
  { term = "laisse à désirer", weight = 2 }, { term = "a baissé", weight = 1.5 }, { term = "de moins en moins", weight = 1 },
  { term = "passée|passé ailleurs", weight = 1.5 }, { term = "voir ailleurs", weight = 1.5 },
  { term = "changé de compagnie", weight = 1.5 }, { term = "perdre patience", weight = 1.5 }, { term = "je perds patience", weight = 1.5 },
  { term = "vite fait", weight = 1 }, { term = "coup de balai", weight = 1 }, { term = "ni fait ni à faire", weight = 2 },
  { term = "sans excuse|excuses", weight = 1.5 }, { term = "aucune excuse", weight = 1.5 }, { term = "pas d'excuse|excuses", weight = 1.5 },
  { term = "jamais rappelé", weight = 1.5 }, { term = "pas rappelé", weight = 1.5 }, { term = "on m'a oublié|oubliée", weight = 1.5 },
  { term = "=encore|=deja|=toujours =oublie", weight = 1.5 }, { term = "laissé des traces", weight = 1.5 },
  { term = "plein de traces", weight = 1.5 }, { term = "traces", weight = 0.5 }, { term = "collant", weight = 1 },
  { term = "odeur", weight = 0.5 }, { term = "payé pour", weight = 0.5 }, { term = "pas content|contente", weight = 1 },
  { term = "honte", weight = 1.5 }, { term = "déplorable", weight = 2 },
  { term = "annulation", weight = 0.5 }, { term = "annulé", weight = 1 }, { term = "mal lavé", weight = 2 },
  { term = "mal nettoyé", weight = 2 }, { term = "pas nettoyé", weight = 1.5 }, { term = "négligé", weight = 1.5 },
  { term = "négligent", weight = 1.5 }, { term = "impoli", weight = 1.5 }, { term = "bête", weight = 0.5 },
  { term = "désagréable", weight = 1.5 }, { term = "pas professionnel", weight = 2 }, { term = "déçue", weight = 2 },
  { term = "marques", weight = 0.5 }, { term = "faux bond", weight = 2 }, { term = "poser un lapin", weight = 2 },
  { term = "changer de compagnie|fournisseur", weight = 1.5 }, { term = "songe à changer", weight = 1.5 },
  { term = "=arnaque", weight = 1 },
  { term = "toujours rien", weight = 1.5 }, { term = "pas correct", weight = 1.5 }, { term = "pas acceptable", weight = 1.5 },
  { term = "pas normal", weight = 1 }, { term = "c'est n'importe quoi", weight = 2 },
}
L.complaint = ling.lexicon {
  language = "en", category = "plainte",
  { term = "let down", weight = 2 }, { term = "filthy", weight = 2 }, { term = "dirty", weight = 1.5 },
  { term = "sloppy", weight = 2 }, { term = "streaky", weight = 1.5 }, { term = "sticky", weight = 1 },
  { term = "dust everywhere", weight = 1 }, { term = "dust", weight = 1 }, { term = "dusty", weight = 1 },
  { term = "stain", weight = 1 }, { term = "stained", weight = 1.5 }, { term = "late", weight = 1 },
  { term = "hours late", weight = 2 }, { term = "no call", weight = 1.5 }, { term = "no-show", weight = 2 },
  { term = "nobody showed up", weight = 2 }, { term = "unprofessional", weight = 2 }, { term = "overpriced", weight = 2 },
  { term = "waste of money", weight = 2 }, { term = "disappointed", weight = 2 }, { term = "disappointing", weight = 2 },
  { term = "avoid", weight = 1 }, { term = "never again", weight = 2 }, { term = "not anymore", weight = 1.5 },
  { term = "=broke", weight = 1 }, { term = "=broken", weight = 1 }, { term = "=damaged", weight = 1 },
  { term = "scratched", weight = 1.5 }, { term = "still waiting", weight = 2 }, { term = "refund", weight = 1 },
  { term = "unhappy", weight = 2 }, { term = "skipped", weight = 1.5 }, { term = "missed", weight = 1 },
  { term = "rude", weight = 2 }, { term = "careless", weight = 2 }, { term = "poor job", weight = 2 },
  { term = "mediocre", weight = 2 }, { term = "rip-off", weight = 2 }, { term = "complaint", weight = 1.5 },
  { term = "one star", weight = 2 }, { term = "1 star", weight = 2 }, { term = "zero stars", weight = 2 },
  { term = "quick wipe", weight = 1.5 }, { term = "half-done", weight = 2 }, { term = "half done", weight = 2 },
  { term = "sorry excuse", weight = 2 }, { term = "ripped off", weight = 2 }, { term = "disappeared", weight = 1 },
  { term = "right after their visit", weight = 1 }, { term = "after their visit", weight = 1 },
  { term = "charged twice", weight = 1.5 }, { term = "double charged", weight = 1.5 }, { term = "deposit", weight = 0.5 },
  { term = "this is a joke", weight = 1.5 }, { term = "what a joke", weight = 1.5 },
  { term = "angry", weight = 1.5 }, { term = "furious", weight = 2 }, { term = "upset", weight = 1 },
  { term = "👎", weight = 1.5 },
  { term = "poor service|job|work|cleaning|experience|quality", weight = 2 }, { term = "poor", weight = 1 },
  { term = "no apology", weight = 1.5 }, { term = "without an apology", weight = 1.5 }, { term = "rushed", weight = 1.5 },
  { term = "cancelled on me", weight = 2 }, { term = "canceled on me", weight = 2 }, { term = "cancelled", weight = 1 },
  { term = "went downhill", weight = 2 }, { term = "gone downhill", weight = 2 }, { term = "quality has dropped", weight = 2 },
  { term = "switched to", weight = 1 }, { term = "not impressed", weight = 2 }, { term = "meh", weight = 1 },
  { term = "lazy", weight = 1.5 }, { term = "half-assed", weight = 2 }, { term = "never called back", weight = 2 },
  { term = "no reply", weight = 1.5 }, { term = "no response", weight = 1.5 }, { term = "ghosted", weight = 2 },
  { term = "left a mess", weight = 2 }, { term = "missed spots", weight = 2 }, { term = "streaks", weight = 1 },
  { term = "took forever", weight = 1.5 }, { term = "joke", weight = 0.5 },
  { term = "charged for", weight = 0.5 }, { term = "overcharged", weight = 2 }, { term = "not clean", weight = 1.5 },
  { term = "never again", weight = 2 }, { term = "not recommend", weight = 2 }, { term = "wouldn't recommend", weight = 2 },
  { term = "not worth", weight = 1.5 }, { term = "complain", weight = 1.5 }, { term = "unacceptable", weight = 2 },
  { term = "ruined", weight = 1 }, { term = "smelled", weight = 0.5 }, { term = "frustrating", weight = 1.5 },
  { term = "all over the place", weight = 1.5 }, { term = "stood up", weight = 1.5 }, { term = "no-showed", weight = 2 },
  { term = "not okay", weight = 1.5 }, { term = "not ok", weight = 1.5 }, { term = "nobody bothered", weight = 1.5 },
  { term = "didn't bother", weight = 1.5 }, { term = "the mess they left", weight = 2 }, { term = "left a mess", weight = 2 },
}
-- Des mots négatifs qui ne disent rien du service sans lui : « la neige est
-- horrible » n'est pas un avis, « un service horrible » en est un.
-- Des sujets qui ne sont pas le service (« la neige est horrible »).
L.hors_service = ling.pattern {
  "neige|météo|pluie|froid|chaleur|canicule|trafic|circulation|route|routes|pont|autobus|métro|covid|gouvernement|hydro|verglas|tempête",
  "snow|weather|rain|cold|heat|traffic|road|roads|bridge|bus|subway|covid|government|storm|ice",
  "gâteau|recette|souper|repas|cake|recipe|dinner|meal|party|game|match|film|movie",
}
-- Des mots négatifs sans objet : sur la page de l'organisation, ils visent d'abord son service.
L.negatif_nu = ling.lexicon {
  category = "plainte", weight = 1,
  "=horrible", "=terrible", "=awful", "=nul", "=nulle", "=affreux", "=atroce", "=bad", "=lousy", "=mauvais", "=mauvaise",
  "=pitoyable", "=pathetic", "=shameful", "=disgusting", "=dégueulasse", "=ridicule", "=ridiculous",
  { term = "catastrophe|disaster|désastre", weight = 1.5 },
}
L.generique = ling.pattern {
  category = "plainte", weight = 2,
  "horrible|terrible|affreux|nul|pire|catastrophique|épouvantable|awful|terrible|horrible|worst|bad|nightmare …{2} "
    .. "service|ménage|travail|équipe|compagnie|entreprise|expérience|résultat|clinique|endroit|commerce|personnel|"
    .. "job|cleaning|clean|cleaner|cleaners|company|experience|result|work|team|clinic|place|business|staff",
  "service|ménage|travail|équipe|compagnie|entreprise|expérience|résultat|clinique|endroit|commerce|personnel|"
    .. "job|cleaning|clean|company|experience|result|work|team|clinic|place|business|staff …{3} "
    .. "horrible|terrible|affreux|nul|catastrophique|épouvantable|awful|terrible|horrible|bad|nightmare",
}
-- Des tournures de plainte.
L.tournures = ling.pattern {
  category = "plainte",
  { pattern = "(ça fait | c'est la) <num>|deuxième|troisième|trois|plusieurs fois", weight = 1 },
  { pattern = "encore (une fois)?", weight = 0.5 },
  { pattern = "(another | one more | second | third) time", weight = 0.5 },
  { pattern = "<num>|second|third|two|three time|times this? week|month", weight = 1 },
  { pattern = "ce que vous avez fait (à|a) ma|mon|mes", weight = 1.5 },
  { pattern = "what you did to my", weight = 1.5 },
  { pattern = "used to recommend|love|like|trust", weight = 1.5 },
  { pattern = "je vous recommandais", weight = 1.5 },
  { pattern = "je vous faisais confiance", weight = 1.5 },
  { pattern = "=0|=1 =5|=10", weight = 2 },
  { pattern = "factur*|charg*|bill|billed|bills …{3} heures|heure|hours|hour", weight = 1.5 },
  { pattern = "not|never … book|booking|hire|hiring|call|use|recommend … again", weight = 2 },
  { pattern = "ne … plus … rappeler|reprendre|engager|recommander", weight = 1.5 },
  { pattern = "take|took|keep|kept|cash|cashed … deposit", weight = 1.5 },
  { pattern = "payé|paid …{6} (mais | et | but | and | got) …{4} (petit | juste | seulement | only | quick | a | un)", weight = 1 },
  { pattern = "charged|billed|factur* for|pour <num>|two|three|deux|trois", weight = 1.5 },
  { pattern = "(vous avez | you | they | your team | your cleaner | elles ont | ils ont | l'équipe a) …{3} cassé|brisé|rayé|taché|abîmé|endommagé|broke|broken|scratched|damaged|ruined|stained", weight = 2 },
  { pattern = "attendais|attendait|expected … mieux|better|more", weight = 2 },
  { pattern = "(avant | before | it used to be | used to be) … (impeccable | parfait | parfaits | bien | great | good | perfect | spotless)", weight = 1.5 },
  { pattern = "(depuis | since) (le | the) (changement | change) (d'équipe | de personnel | of staff | of team)?", weight = 1 },
  { pattern = "(pleine | pleines | plein | full) de|of marques|traces|poussière|taches|streaks|dust|marks", weight = 1.5 },
  { pattern = "(je suis | i am) (passée | passé | allée | allé | switching | switched | moving) ailleurs|elsewhere|to", weight = 1.5 },
  { pattern = "encaiss* … dépôt|acompte", weight = 1.5 },
}
-- L'éloge : des mots qui disent le contraire d'une plainte. Niés (« pas
-- satisfaite », « not happy », « n'ont pas été lavées »), ils deviennent une plainte.
L.eloge = ling.lexicon {
  category = "eloge",
  { term = "merci", language = "fr" }, { term = "bravo", language = "fr" }, { term = "parfait", language = "fr" },
  { term = "impeccable", language = "fr" }, { term = "excellent" }, { term = "super", language = "fr" },
  { term = "génial", language = "fr" }, { term = "recommander", language = "fr" }, { term = "satisfait", language = "fr", weight = 1.5 },
  { term = "content", language = "fr" }, { term = "ravi", language = "fr" }, { term = "professionnel", language = "fr" },
  { term = "minutieux", language = "fr" }, { term = "fiable", language = "fr" }, { term = "sérieux", language = "fr" },
  { term = "sympathique", language = "fr" }, { term = "belle", language = "fr" }, { term = "bon travail", language = "fr" },
  { term = "confiance", language = "fr" }, { term = "propre", language = "fr", weight = 0.5 },
  { term = "thank you", language = "en" }, { term = "thanks", language = "en" }, { term = "great", language = "en" },
  { term = "amazing", language = "en" }, { term = "perfect", language = "en" }, { term = "spotless", language = "en" },
  { term = "sparkling", language = "en" }, { term = "love", language = "en" }, { term = "recommend", language = "en" },
  { term = "happy", language = "en", weight = 1.5 }, { term = "satisfied", language = "en", weight = 1.5 },
  { term = "worth", language = "en", weight = 1.5 }, { term = "best", language = "en" }, { term = "thorough", language = "en" },
  { term = "reliable", language = "en" }, { term = "professional", language = "en" }, { term = "nice", language = "en" },
  { term = "=honest", language = "en" }, { term = "=clean", language = "en", weight = 0.5 },
  { term = "😍", weight = 1 }, { term = "❤️", weight = 1 }, { term = "👏", weight = 1 }, { term = "🙏", weight = 0.5 },
}
-- Ce que l'équipe aurait dû faire : nié, c'est une plainte (« le salon n'a
-- même pas été passé », « nobody called back »).
L.service = ling.lexicon {
  category = "service",
  { term = "laver", language = "fr" }, { term = "lavé", language = "fr" }, { term = "nettoyer", language = "fr" },
  { term = "nettoyé", language = "fr" }, { term = "passer", language = "fr" }, { term = "passé", language = "fr" },
  { term = "rappeler", language = "fr" }, { term = "rappelle", language = "fr" }, { term = "répondre", language = "fr" },
  { term = "répond", language = "fr" }, { term = "présenter", language = "fr" }, { term = "venir", language = "fr" },
  { term = "venu", language = "fr" }, { term = "prévenir", language = "fr" }, { term = "averti", language = "fr" },
  { term = "fait", language = "fr" }, { term = "font", language = "fr" },
  { term = "clean", language = "en" }, { term = "cleaned", language = "en" }, { term = "vacuum", language = "en" },
  { term = "vacuumed", language = "en" }, { term = "wash", language = "en" }, { term = "washed", language = "en" },
  { term = "show up", language = "en" }, { term = "showed up", language = "en" }, { term = "call back", language = "en" },
  { term = "called", language = "en" }, { term = "answer", language = "en" }, { term = "work", language = "en" },
  { term = "done", language = "en" }, { term = "touched", language = "en" }, { term = "touch", language = "en" },
  { term = "touché", language = "fr" },
}
-- L'éloge comparatif et les formules qui disent qu'il n'y a rien à reprocher :
-- « jamais été aussi propre », « never had a cleaner this thorough », « rien à redire ».
L.eloge_formules = ling.pattern {
  category = "eloge", weight = 2,
  "jamais|pas|ne … aussi|si|autant propre|bien|beau|belle|brillant|impeccable|minutieux|minutieuse|fiable|bon|bonne|efficace|soigné|rapide",
  "never|not … this|so|as clean|good|thorough|reliable|great|spotless|careful|fast|nice",
  "rien à redire|reprocher|dire", "aucun reproche|problème|regret", "au contraire", "vaut (le coup | chaque dollar|sou | la peine)",
  "no complaints|complaint|regrets|problem", "worth every|each penny|dollar|cent", "changed my mind",
  "=pas =du =tout =decu|=decue|=decus|=decues", "=not =disappointed",
  "sauvé la vie", "saved my life", "breath of fresh air", "bouffée d'air frais",
}

-- ---------------------------------------------------------------------------
-- Menaces et intimidation.
-- ---------------------------------------------------------------------------
L.menaces = ling.pattern {
  category = "menace",
  { pattern = "(tu vas | vous allez | you will | you are going to) le? regretter|payer|regret|pay", weight = 2.5 },
  { pattern = "payer cher", weight = 1 },
  { pattern = "(je|on) (sais|sait|connais|connait|connaît|connaissons) (où|=ou) (tu|vous|ta|ton|votre|il|elle|ils|elles) (habite*|reste*|demeure*|stationne*|travaille*|vit|vivent|vis)", weight = 3 },
  { pattern = "(je|on) (sais|sait|connais|connait) où … habite|reste|demeure", weight = 3 },
  { pattern = "(je|on) (sais|sait|connais|connait) où … (ton|ta|tes|votre|vos) char|auto|voiture|maison|entrepôt|bureau|camion|enfants|fille|fils|blonde|employée|employées|famille", weight = 3 },
  { pattern = "(je|on) (connais|connait|connaît|sais|sait) (ton|ta|tes|votre|vos) char|auto|voiture|adresse|maison|enfants|camion|entrepôt|bureau|employée|employées", weight = 3 },
  { pattern = "(i|we) know where (you|your|she|he|they) … live|lives|park|parks|work|works", weight = 3 },
  { pattern = "(i|we) know your address|car|kids|house|van|office", weight = 3 },
  { pattern = "fais|faites attention à toi|vous|ta|votre|ton|tes|vos", weight = 2 },
  { pattern = "dis-lui|dites-lui … faire attention", weight = 2.5 },
  { pattern = "tell her|him|them to be careful", weight = 2.5 },
  { pattern = "ça va mal finir|tourner", weight = 2.5 },
  { pattern = "(c'est|voici) (ton|votre) dernier avertissement", weight = 2.5 },
  { pattern = "=dernier =avertissement", weight = 0.5 },
  { pattern = "(this is | it's) your? last|final warning", weight = 2.5 },
  { pattern = "perds|perdez rien pour attendre", weight = 3 },
  { pattern = "(je|on) va|vais (te|vous|t) retrouver|trouver|casser|péter|frapper|tuer|crever|buter|défoncer|détruire|pourrir|ruiner|démolir|massacrer|descendre|régler", weight = 2.5 },
  { pattern = "(je|on) va|vais … faire de (ta|votre) vie un enfer", weight = 3 },
  { pattern = "casser|péter la gueule|face", weight = 2.5 },
  { pattern = "(regarde|regardez|surveille|surveillez) derrière (toi|vous)", weight = 3 },
  { pattern = "watch your|you're back|step", weight = 3 },
  { pattern = "(on va se revoir | on se reverra | on se revoit)", weight = 1.5 },
  { pattern = "(ce sera pas | ce ne sera pas) pour", weight = 1 },
  { pattern = "ce serait dommage que|qu'il", weight = 2.5 },
  { pattern = "would be a shame if", weight = 2.5 },
  { pattern = "on sait jamais ce qui peut arriver", weight = 2.5 },
  { pattern = "you never know what could|might happen", weight = 2.5 },
  { pattern = "prendre|prenne|prend feu", weight = 1.5 },
  { pattern = "si (tu tiens | vous tenez) à ton|ta|votre|tes|vos", weight = 2.5 },
  { pattern = "ne savez|sais pas à qui (vous avez | tu as) affaire|parlez|parles", weight = 3 },
  { pattern = "savez|sais pas à qui (vous avez | tu as) affaire|parlez|parles", weight = 3 },
  { pattern = "no|any idea who you are dealing|messing with", weight = 3 },
  { pattern = "m'assurer|assurer que … plus (un seul)? client|contrat|travailler", weight = 2.5 },
  { pattern = "make sure … never work|get|find … again", weight = 2.5 },
  { pattern = "régler ça … chez vous|toi|dehors", weight = 2.5 },
  { pattern = "venir|passer chez vous|toi", weight = 1 },
  { pattern = "pay|paying|paid you a visit", weight = 2.5 },
  { pattern = "see what happens to", weight = 2.5 },
  { pattern = "(i|we) will … find you", weight = 2.5 },
  { pattern = "count on it", weight = 1 },
  { pattern = "(end up | get | gets) getting? hurt", weight = 2.5 },
  { pattern = "pray … not run into you", weight = 3 },
  { pattern = "run into you", weight = 1 },
  { pattern = "break|smash|burn every? your? … window|windows|car|van|house|office", weight = 2.5 },
  { pattern = "getting|get keyed", weight = 2.5 },
  { pattern = "you are dead", weight = 3 },
  { pattern = "dead man", weight = 2.5 },
  { pattern = "could|will|gonna get|be very? ugly for you", weight = 2.5 },
  { pattern = "fais|faites gaffe", weight = 1.5 },
  { pattern = "you will be sorry", weight = 2.5 },
  { pattern = "better watch out", weight = 2.5 },
  { pattern = "watch yourself", weight = 2.5 },
  { pattern = "je vais vous|te faire une réputation", weight = 2.5 },
  { pattern = "(tu vas | vous allez | you will | you are going to | you'll) voir|see ce qui|what …{3} arriver|happen|happens", weight = 2.5 },
  { pattern = "ce qui (va | peut | pourrait) (te | t | vous) arriver", weight = 2.5 },
  { pattern = "what (will | could | might | is going to) happen to you|your", weight = 2.5 },
  { pattern = "(continue | continuez | keep) (comme ça | talking | it up | going | pushing) …{2} (et | and)", weight = 1.5 },
  { pattern = "see what happens", weight = 2 },
  { pattern = "(je | on) (serai | sera | serons | va être | vais être | vais aller | va aller | vais passer | va passer) devant|chez (ta|ton|votre|toi|vous)", weight = 2.5 },
  { pattern = "devant (ta | votre) porte|maison", weight = 1 },
  { pattern = "fais|faites attention …{3} (sortant | rentrant | soir | nuit | dehors | toi | vous)", weight = 2 },
  { pattern = "(i will | i'll | we will | we'll) be waiting for you", weight = 2.5 },
  { pattern = "(i | we) know your van|car|house|kids|address|daughter|son|wife|husband|schedule", weight = 3 },
  { pattern = "(coming | come) for you", weight = 2.5 }, { pattern = "(you | your) (better | had better) (be careful | watch)", weight = 2.5 },
  { pattern = "(je vais | on va) te|vous (faire regretter | faire mal | faire payer | régler ton compte | régler votre compte)", weight = 3 },
  { pattern = "je m'occupe de ton|votre cas", weight = 2 }, { pattern = "tu vas avoir affaire à moi", weight = 2.5 },
  { pattern = "you (will | are going to) get what's coming", weight = 2.5 }, { pattern = "(i'll | i will) make you pay", weight = 3 },
  { pattern = "(i'll | i will) ruin|destroy|end you|your", weight = 3 },
  { pattern = "ce qui (t' | te | vous | t) attend", weight = 2.5 }, { pattern = "what's|what is coming (to | for) you", weight = 2.5 },
  { pattern = "what awaits you", weight = 2.5 },
  { pattern = "careful|prudent|prudente|attention (who | qui | à qui) (you | tu | vous) …{2} upset|fâches|fâchez|énerves|énervez|cherches|cherchez", weight = 2.5 },
  { pattern = "(venir | passer) (te | vous) voir … régler|expliquer|jaser", weight = 2.5 },
  { pattern = "on va régler ça|on va s'expliquer|régler nos comptes|settle this", weight = 1.5 },
  { pattern = "(hate | dommage | shame) … something|quelque chose … happen|arrive|arriver", weight = 2.5 },
  { pattern = "(qu'il | qu'il vous | qu'il t') arrive quelque chose", weight = 2.5 },
  { pattern = "(never | jamais) … (see | voir | croiser) (you | te | vous) alone|seul|seule", weight = 2.5 },
  { pattern = "(la prochaine fois | next time) …{4} (pas des mots | not words | not just words | pour vrai | for real)", weight = 2.5 },
  { pattern = "compte là-dessus|compte sur moi", weight = 1 },
  { pattern = "(tu | vous) (vas | allez) (le payer | payer | le regretter)", weight = 1.5 },
  { pattern = "(i | we) will get you", weight = 2.5 }, { pattern = "(je vais | on va) t'avoir|vous avoir", weight = 2.5 },
  { pattern = "sois|soyez prudent|prudente|prudentes|prudents (quand | en | la nuit | le soir)", weight = 2 },
  -- the common formulas, in many words
  { pattern = "(tu vas | vous allez | you will | you are going to | tu vas finir par | vous allez finir par) …{3} regretter|payer|souvenir|rappeler|regret|pay|remember|sorry|apprendre", weight = 2.5 },
  { pattern = "amèrement|cher|longtemps|bitterly|dearly", weight = 0.5 },
  { pattern = "(me | le) le? payer|payera|paieras", weight = 1 },
  { pattern = "(ce dont | de quoi) je suis capable", weight = 2.5 }, { pattern = "what (i'm | i am) capable of", weight = 2.5 },
  { pattern = "de quel bois je me chauffe", weight = 2.5 },
  { pattern = "(if i were you | si j'étais toi | si j'étais vous | à ta place | à votre place | je serais toi)", weight = 1 },
  { pattern = "over (your | my) shoulder", weight = 2 }, { pattern = "regarde|regardez par-dessus (ton | votre) épaule", weight = 2 },
  { pattern = "(je connais | j'ai | on connaît) (des gens | du monde | des amis | des chums) (qui)?", weight = 1.5 },
  { pattern = "(i know | i have) (people | friends | guys) (who)?", weight = 1.5 },
  { pattern = "(s'occuper | m'occuper | occuper) de (ton | ta | tes | votre | vos | toi | vous)", weight = 2 },
  { pattern = "(take care | deal) of (you | your)", weight = 1 },
  { pattern = "better not show … face|show up", weight = 2.5 }, { pattern = "(remets | remettez) plus les pieds", weight = 2.5 },
  { pattern = "(montre | montrez) plus (ta | votre) face", weight = 2.5 },
  { pattern = "(je sais | on sait) (à quelle heure | quand | où) (tu | vous)", weight = 2.5 },
  { pattern = "i know (what time | when | where) (you | your | she | he)", weight = 2.5 },
  { pattern = "(je vais | on va) (t' | te | vous) attendre", weight = 2 }, { pattern = "(i'll | i will | we'll | we will) be waiting", weight = 2 },
  { pattern = "mess|messing with … (again)? and", weight = 1.5 }, { pattern = "you will see", weight = 1 },
  { pattern = "(tu vas | vous allez) (avoir | voir) des problèmes|ennuis", weight = 2.5 },
  { pattern = "(you will | you are going to) have (problems | trouble)", weight = 2.5 },
  { pattern = "(ça va | ça va te | ça va vous) coûter cher", weight = 2.5 }, { pattern = "le sentir passer", weight = 2.5 },
  { pattern = "gare à toi|vous", weight = 2.5 }, { pattern = "méfie-toi|méfiez-vous", weight = 1.5 },
  { pattern = "(un accident | accidents) (est vite arrivé | happen)", weight = 2.5 },
  { pattern = "(il | ça) pourrait (arriver | t'arriver | vous arriver) (un malheur | quelque chose)", weight = 2.5 },
  { pattern = "(something | things) bad (could | might | will) happen", weight = 2.5 },
  { pattern = "(you | vous) (don't | do not) want to find out", weight = 2 },
  { pattern = "c'est la dernière fois que", weight = 1 }, { pattern = "la prochaine fois … (différent | autrement)", weight = 1.5 },
  { pattern = "(rendre | rendrai) (ta | votre) vie impossible|infernale", weight = 2.5 }, { pattern = "make your life hell|miserable", weight = 2.5 },
  { pattern = "(te | vous) faire perdre (ta | votre) job|emploi|travail", weight = 2.5 }, { pattern = "(get you | make you lose your) (fired | job)", weight = 2.5 },
  { pattern = "(you're | you are) (finished | done for)", weight = 2 }, { pattern = "(t'es | tu es | vous êtes) fini|finie|finis", weight = 2 },
  { pattern = "i'd think twice|think twice before", weight = 1.5 }, { pattern = "keep your mouth shut", weight = 2 },
  { pattern = "you've been warned|you have been warned", weight = 2.5 }, { pattern = "t'es prévenu|t'es prévenue|tu es prévenu|vous êtes prévenus", weight = 2.5 },
  { pattern = "(ton | ta | votre | tes | vos | your) char|auto|voiture|camion|maison|van|car|truck|house …{4} (brûler | brûle | flambe | feu | burn | accident)", weight = 2.5 },
}
-- Des menaces « pour rire » ou citées : « je vais te tuer si tu ne viens pas à
-- mon party 😂 », une chanson, une série. Voir L.rire et L.ailleurs.
L.hyperbole = ling.pattern {
  "va|vais|vont me|te|vous tuer", "(gonna | going to) kill me|you|us",
  "je vais te|vous tuer si", "(i will | i am going to | gonna) kill you if",
}
-- Des images qui n'ont rien d'une menace ni d'une injure.
L.figures = ling.pattern {
  "killing it", "tue|tuer le temps", "killing time", "voleur|voleuse de temps|cœur|vie", "temps … voleur|voleuse", "time … thief",
  "a failli|presque m'achever|tuer", "almost killed me",
}
-- Hors menace : retrouver quelqu'un en ligne, trouver sa page.
L.retrouver_en_ligne = ling.pattern {
  "retrouver|trouver|suivre … sur instagram|facebook|tiktok|internet|web|page|youtube",
  "find|follow you on instagram|facebook|tiktok",
}

-- ---------------------------------------------------------------------------
-- Chantage : une exigence, et ce qui arrivera si elle n'est pas satisfaite.
-- ---------------------------------------------------------------------------
local EXIGE_FR = "paie|payez|paye|verse|versez|envoie|envoyez|donne|donnez|rembourse|remboursez|annule|annulez|"
  .. "laisse|laissez|fais|faites|transfère|transférez|vire|virez"
local EXIGE_EN = "pay|send|give|refund|cancel|hand|make|transfer|wire|e-transfer|leave|drop"
local NUIRE_FR = "publie|publier|balance|balancer|diffuse|diffuser|raconte|raconter|dis|dire|partage|partager|mets|mettre|"
  .. "appelle|appeler|contacte|contacter|préviens|prévenir|parle|parler|montre|montrer|envoie|envoyer|révèle|révéler|"
  .. "poste|poster|laisse|laisser|sais|saura|sauront|savoir|voie|voient|voir"
local NUIRE_EN = "post|posting|publish|leak|tell|call|share|expose|send|show|report|email|find|finds|know"
local DEMANDE = "paie|payez|paye|payes|verse|versez|envoie|envoyez|donne|donnes|donnez|rembourse|remboursez|annule|annulez|"
  .. "transfère|transférez|vire|virez|remboursement|argent|paiement|<num>|$|pay|send|give|refund|cancel|hand|transfer|wire|"
  .. "e-transfer|drop|money|payment|cash|free|gratuit|gratuite"
local CONDITION = "ou|sinon|or|otherwise|unless"
local EXPOSITION = "photo|photos|vidéo|vidéos|video|videos|enregistrement|enregistrements|recording|recordings|capture|"
  .. "captures|screenshot|screenshots|preuve|preuves|proof|patron|patronne|boss|chum|blonde|conjoint|conjointe|femme|mari|"
  .. "wife|husband|clients|journaux|journal|médias|media|news|tva|groupe|group|réseaux|facebook|reddit|tiktok|instagram|"
  .. "google|public|publique|publie|publier|publish|post|posting|leak|montre|montrer|show|raconte|raconter|tell|everyone|"
  .. "tout|saura|sauront|hears|hear|finds|know|knows|dévoile|expose|police|reçoit|recevra|receives|gets|avis|review|reviews|"
  .. "commentaire|envoie|envoyer|send|sending|read"
L.chantage = ling.pattern {
  category = "chantage",
  { pattern = DEMANDE .. " …{10} " .. CONDITION .. " …{8} " .. EXPOSITION, weight = 3 },
  { pattern = EXIGE_FR .. " …{8} ou|sinon …{4} " .. NUIRE_FR, weight = 3 },
  { pattern = "soit (vous|tu) …{6} soit …{3} " .. NUIRE_FR, weight = 3 },
  { pattern = "si (tu|vous) ne … pas …{6} (je|j|on|tout|toute|ta|ton|tes|vos|votre) …{3} " .. NUIRE_FR, weight = 3 },
  { pattern = "si (tu|vous) (ne|me) …{2} pas …{8} " .. NUIRE_FR, weight = 2 },
  { pattern = "si …{3} ne …{4} pas …{8} " .. NUIRE_FR, weight = 2.5 },
  { pattern = "tout|toute|tous … va|vont|saura|sauront savoir?", weight = 1 },
  { pattern = "or|ou|sinon …{8} (all over | partout | everywhere)", weight = 2.5 },
  { pattern = "(go | goes | will go) public", weight = 2 }, { pattern = "devient|deviendra|sera public|publique", weight = 2 },
  { pattern = EXIGE_EN .. " …{8} or|otherwise …{4} " .. NUIRE_EN, weight = 3 },
  { pattern = "either (you|u) …{6} or …{4} " .. NUIRE_EN, weight = 3 },
  { pattern = "unless (you|u) …{6} (i|i'll|we|everyone|your) …{4} " .. NUIRE_EN, weight = 3 },
  { pattern = "if (you|u) (do not|don't|dont) …{6} (i|i'll|we|everyone|your) …{4} " .. NUIRE_EN, weight = 3 },
  { pattern = "(combien | quel prix) … vaut|vaudrait|pour … silence", weight = 3 },
  { pattern = "mon|notre silence", weight = 2 },
  { pattern = "how much … (worth|for) … silence", weight = 3 },
  { pattern = "keeping|keep|stays|stay quiet … cost|$|dollars", weight = 3 },
  { pattern = "and it stays quiet", weight = 2.5 },
  { pattern = "and they disappear", weight = 2.5 },
  { pattern = "and i will forget", weight = 2.5 },
  { pattern = "and it|they stays|stay|disappear|disappears", weight = 1.5 },
  { pattern = "(et|pis) (j'oublie | j'efface | je me tais)", weight = 2.5 },
  { pattern = "j'oublie|oublier ce que j'ai vu", weight = 2.5 },
  { pattern = "(je|on) garde ça pour (moi|nous) si", weight = 3 },
  { pattern = "sinon je|on parle|balance|publie|dis", weight = 3 },
  { pattern = "pour que je les|me? efface|taise|supprime", weight = 3 },
  { pattern = "(ça|cela) (vous|te) coûtera", weight = 2 },
  { pattern = "will cost you", weight = 2 },
  { pattern = "(je|j) retire|enlève|supprime mon avis … si|seulement|quand", weight = 3 },
  { pattern = "remove|delete|withdraw my review … when|if|once|after", weight = 3 },
  { pattern = "take down my review … when|if|once|after", weight = 3 },
  { pattern = "(vous avez | tu as) <num> heures|jours …{6} après|sinon|ou", weight = 2.5 },
  { pattern = "(you have) <num> hours|days … after|or|then|to", weight = 2.5 },
  { pattern = "you have <num> hours|days", weight = 1.5 },
  { pattern = "(tu veux | vous voulez) pas que … voie|voient|sache|sachent", weight = 2.5 },
  { pattern = "found|find out about … $|<num>", weight = 2 },
  { pattern = "i will forget about the|those photos|pictures|video", weight = 2.5 },
  { pattern = "will not tell … if|unless|and", weight = 2 },
  { pattern = "e-transfer|transfer|wire|send …{3} and i will not tell|say", weight = 3 },
  { pattern = "(un|le) virement de <num> … (et|pis) … oublie|tais", weight = 3 },
  { pattern = "(donne-moi | donnez-moi | give me) … ou|or … (je|i) (dis|dit|raconte|tell)", weight = 3 },
  { pattern = "cartes-cadeaux|carte-cadeau … sinon|ou", weight = 3 },
  { pattern = "(ton | votre | mon | notre | your | my) silence", weight = 2 },
  { pattern = "silence … prix|coûte|coûtera|cost|costs|price", weight = 2.5 },
  { pattern = "<num> … (et | and) …{4} (privé | privées | private | quiet | secret | on n'en parle plus | n'en parle plus | disappear | disparaissent | oublie | forget | between us | entre nous)", weight = 3 },
  { pattern = "(sinon | otherwise | or else) …{4} " .. EXPOSITION, weight = 2 },
  { pattern = "(you have | vous avez | tu as) (until | jusqu'à | jusqu'au) …{6} (pay | payer | rembourser | refund)", weight = 2 },
  { pattern = "(after that | après ça | après quoi | passé ce délai) …{4} " .. EXPOSITION, weight = 1.5 },
  { pattern = "(je me tais | je me tairai | je dirai rien | je ne dirai rien | i'll keep quiet | i will keep quiet) si|if", weight = 3 },
  { pattern = "on n'en parle plus", weight = 1 },
  { pattern = "(unless | à moins que | à moins qu) …{10} " .. EXPOSITION, weight = 2.5 },
  { pattern = "<num> …{3} (pis | et | and) …{4} (saura | sauront | saurait | knows | know | will know) (rien | nothing)?", weight = 2.5 },
  { pattern = "à toi de voir|à vous de voir|your call|your choice|à vous de choisir", weight = 1 },
  { pattern = "gift cards|card … or|unless", weight = 3 },
}

-- ---------------------------------------------------------------------------
-- Diffamation : accuser l'organisation ou son équipe de vol, de fraude, de
-- travail illégal, de drogue, d'un casier judiciaire.
-- ---------------------------------------------------------------------------
L.accusations = ling.lexicon {
  category = "accusation",
  { term = "volent", language = "fr", weight = 2.5 }, { term = "voleuse", language = "fr", weight = 2.5 },
  { term = "voleuses", language = "fr", weight = 2.5 }, { term = "voleur", language = "fr", weight = 2.5 },
  { term = "voleurs", language = "fr", weight = 2.5 }, { term = "volé", language = "fr", weight = 1.5 },
  { term = "vol organisé", language = "fr", weight = 3 }, { term = "c'est du vol", language = "fr", weight = 2.5 },
  { term = "arnaque", language = "fr", weight = 2.5 }, { term = "arnaqueurs", language = "fr", weight = 2.5 },
  { term = "arnaqueuses", language = "fr", weight = 2.5 }, { term = "escroc", language = "fr", weight = 2.5 },
  { term = "escroquerie", language = "fr", weight = 2.5 }, { term = "fraude", language = "fr", weight = 2.5 },
  { term = "fraudent", language = "fr", weight = 2.5 }, { term = "fraudeurs", language = "fr", weight = 2.5 },
  { term = "au noir", language = "fr", weight = 2.5 }, { term = "non déclarées", language = "fr", weight = 2.5 },
  { term = "non déclarés", language = "fr", weight = 2.5 }, { term = "sans papiers", language = "fr", weight = 2.5 },
  { term = "pas d'assurance", language = "fr", weight = 2 }, { term = "pas de permis", language = "fr", weight = 2 },
  { term = "sans permis", language = "fr", weight = 2 }, { term = "sans facture", language = "fr", weight = 1.5 },
  { term = "argent comptant", language = "fr", weight = 1 }, { term = "drogue", language = "fr", weight = 2.5 },
  { term = "gelée", language = "fr", weight = 1 }, { term = "casier judiciaire", language = "fr", weight = 3 },
  { term = "blanchiment", language = "fr", weight = 3 }, { term = "exploitent", language = "fr", weight = 2.5 },
  { term = "revendent", language = "fr", weight = 2 }, { term = "cambrioler", language = "fr", weight = 1.5 },
  { term = "cambriolé", language = "fr", weight = 1.5 }, { term = "volent leurs clients", language = "fr", weight = 3 },
  { term = "steal", language = "en", weight = 2.5 }, { term = "stole", language = "en", weight = 2 },
  { term = "thieves", language = "en", weight = 2.5 }, { term = "thief", language = "en", weight = 2.5 },
  { term = "rob", language = "en", weight = 2.5 }, { term = "scam", language = "en", weight = 2.5 },
  { term = "scammers", language = "en", weight = 2.5 }, { term = "crooks", language = "en", weight = 2.5 },
  { term = "fraud", language = "en", weight = 2.5 }, { term = "under the table", language = "en", weight = 2.5 },
  { term = "without papers", language = "en", weight = 2.5 }, { term = "not insured", language = "en", weight = 2 },
  { term = "no insurance", language = "en", weight = 2 }, { term = "no permits", language = "en", weight = 2 },
  { term = "no taxes", language = "en", weight = 2 }, { term = "cash jobs", language = "en", weight = 2 },
  { term = "high", language = "en", weight = 0.5 }, { term = "clearly high", language = "en", weight = 2.5 },
  { term = "record for theft", language = "en", weight = 3 }, { term = "money laundering", language = "en", weight = 3 },
  { term = "sell their customers", language = "en", weight = 2.5 }, { term = "sold the info", language = "en", weight = 2.5 },
  { term = "went through", language = "en", weight = 1 }, { term = "burglars", language = "en", weight = 1.5 },
  { term = "fake insurance", language = "en", weight = 2.5 }, { term = "fake company", language = "en", weight = 2.5 },
  { term = "fake reviews", language = "en", weight = 2 }, { term = "rip off", language = "en", weight = 2 },
  { term = "fraud*", weight = 2.5 }, { term = "escroqu*", language = "fr", weight = 2.5 }, { term = "arnaqu*", language = "fr", weight = 2.5 },
  { term = "voleu*", language = "fr", weight = 2.5 }, { term = "drogu*", language = "fr", weight = 2 },
  { term = "paie|paient pas ses|leurs taxes|impôts", language = "fr", weight = 2.5 },
  { term = "pas de taxes|impôts", language = "fr", weight = 2 }, { term = "évasion fiscale", language = "fr", weight = 2.5 },
  { term = "fausses assurances|factures|références|évaluations", language = "fr", weight = 2.5 },
  { term = "fake insurance|papers|license|licence|reviews|invoices", language = "en", weight = 2.5 },
  { term = "a front for", language = "en", weight = 2.5 }, { term = "couverture pour", language = "fr", weight = 1.5 },
  { term = "profitent des personnes âgées|seules|vulnérables", language = "fr", weight = 2.5 },
  { term = "profitent des aînés|vieux", language = "fr", weight = 2.5 },
  { term = "take|takes|taking advantage of seniors|elderly|old|vulnerable", language = "en", weight = 2.5 },
  { term = "do not pay taxes", language = "en", weight = 2.5 }, { term = "tax fraud", language = "en", weight = 3 },
  { term = "illegal|illegally", language = "en", weight = 2 }, { term = "illégal|illégalement", language = "fr", weight = 2 },
  { term = "criminels|criminelles|criminals", weight = 2.5 }, { term = "criminal record", language = "en", weight = 2.5 }, { term = "casier", language = "fr", weight = 1.5 },
  { term = "pickpocket|kleptomane", weight = 2.5 }, { term = "pique|piquent dans", language = "fr", weight = 2 },
  { term = "fouillent|fouille dans", language = "fr", weight = 1.5 },   { term = "steal|steals|stealing from", language = "en", weight = 2.5 }, { term = "volent chez", language = "fr", weight = 2.5 },
  { term = "fouille|fouillent|fouillé dans les tiroirs|sacs|affaires|papiers", language = "fr", weight = 2 },
  { term = "lie|lied|lying about", language = "en", weight = 1.5 }, { term = "mentent|mentir sur", language = "fr", weight = 1.5 },
  { term = "vident les poches", language = "fr", weight = 2 }, { term = "menteuses|menteurs", language = "fr", weight = 1.5 },
  { term = "liars", language = "en", weight = 1.5 },
  { term = "pocket|pockets|pocketed", language = "en", weight = 2 }, { term = "triche|trichent|tricher|tricheurs", language = "fr", weight = 2 },
  { term = "cheat|cheats|cheating|cheaters", language = "en", weight = 2 }, { term = "facture|facturent le double", language = "fr", weight = 2 },
  { term = "double facturation", language = "fr", weight = 2 }, { term = "double bill|billing|charge", language = "en", weight = 2 },
  { term = "launder|launders|laundering", language = "en", weight = 2.5 }, { term = "blanchit|blanchissent", language = "fr", weight = 2.5 },
  { term = "malhonnête|malhonnêtes", language = "fr", weight = 2 }, { term = "dishonest", language = "en", weight = 2 },
  { term = "voyous|crapules|bandits", language = "fr", weight = 2 }, { term = "shady|sketchy", language = "en", weight = 1.5 },
}
-- « Il s'est fait voler », « quelqu'un a volé » : une victime, pas une
-- accusation — sauf si le texte relie le vol au passage de l'équipe.
-- Des accusations en tournures : « vous avez volé », « one of your cleaners
-- stole », « faites le lien ».
L.accusations_tournures = ling.pattern {
  category = "accusation",
  { pattern = "(vous|ils|elles|elle|il) (avez|ont|a) volé|piqué|fraudé|arnaqué", weight = 2.5 },
  { pattern = "they|she|he|you|cleaner|cleaners|girl|staff|employee|employees stole|steal|steals|stealing|robbed|rob", weight = 2.5 },
  { pattern = "bijoux|bague|montre|argent|jewelry|jewellery|ring|watch|cash|earrings|boucles|collier|necklace … disparu|disparue|disparues|disparus|envolé|envolée|envolées|manque|retrouvé|retrouvés|missing|disappeared|vanished|gone|empty", weight = 1.5 },
  { pattern = "faites le lien", weight = 1.5 }, { pattern = "hasard", weight = 0.5 }, { pattern = "not surprised", weight = 0.5 },
  { pattern = "ouvrez les yeux", weight = 1 }, { pattern = "renseignez-vous", weight = 0.5 }, { pattern = "look it up", weight = 0.5 },
  { pattern = "tout le monde le sait", weight = 0.5 }, { pattern = "everyone … knows", weight = 0.5 },
  { pattern = "(tout le quartier dit | tout le monde dit | il paraît | rumeur | rumeurs | people are saying | rumour | rumor | word is)", weight = 0.5 },
  { pattern = "go|goes|going|went|gone through … drawers|mail|stuff|purse|wallet|papers", weight = 1.5 },
}
L.victime = ling.pattern {
  "fait|faits|fais|faire voler|cambrioler",
  "quelqu'un|somebody|someone|gouvernement|government|fille|fils|kid|kids|son|daughter|chat|chien|cat|dog … vole|volé|volent|stole|steal|steals|piqué|scammed|arnaqué|arnaquée|fraudé",
  "(des | les | deux | trois | some | the) voleurs|cambrioleurs|thieves|burglars|robbers (ont | sont | have | broke | visited | hit | entered)",
  "got|was|were|been robbed|stolen|burglarized", "scam alert", "alerte",
  "fraudes|arnaques par texto|courriel|téléphone", "scams|frauds by text|phone|email",
  "pretending to be",
}
L.lien_passage = ling.pattern {
  "après|depuis (le|leur|votre|son)? passage|visite|ménage",
  "after their|your visit|cleaning",
  "the day after", "une semaine après", "le lendemain",
}

-- ---------------------------------------------------------------------------
-- Ras-le-bol et frustrations d'une personne de l'organisation.
-- ---------------------------------------------------------------------------
L.exasperation = ling.lexicon {
  category = "exasperation", gap = 1,
  { term = "j'en ai marre", language = "fr", weight = 2 }, { term = "ras le bol", language = "fr", weight = 2 },
  { term = "j'en peux plus", language = "fr", weight = 2 }, { term = "je n'en peux plus", language = "fr", weight = 2 },
  { term = "brûlée", language = "fr", weight = 1.5 }, { term = "brûlé", language = "fr", weight = 1.5 },
  { term = "épuisée", language = "fr", weight = 1 }, { term = "à bout", language = "fr", weight = 2 },
  { term = "découragée", language = "fr", weight = 1.5 }, { term = "découragé", language = "fr", weight = 1.5 },
  { term = "écœurée", language = "fr", weight = 2 }, { term = "écœuré", language = "fr", weight = 2 },
  { term = "tannée", language = "fr", weight = 2 }, { term = "tanné", language = "fr", weight = 2 },
  { term = "envie de tout lâcher", language = "fr", weight = 2.5 }, { term = "tout lâcher", language = "fr", weight = 2 },
  { term = "tout plaquer", language = "fr", weight = 2 }, { term = "j'ai pleuré", language = "fr", weight = 2 },
  { term = "pleurer", language = "fr", weight = 1 }, { term = "me rend folle", language = "fr", weight = 2 },
  { term = "me rend fou", language = "fr", weight = 2 }, { term = "vous me fatiguez", language = "fr", weight = 2 },
  { term = "me fatiguent", language = "fr", weight = 2 }, { term = "ostie", language = "fr", weight = 1.5 },
  { term = "tabarnak", language = "fr", weight = 1.5 }, { term = "câlisse", language = "fr", weight = 1.5 },
  { term = "fâchée contre", language = "fr", weight = 2 }, { term = "j'en tremble", language = "fr", weight = 1.5 },
  { term = "plein le dos", language = "fr", weight = 2 }, { term = "pourquoi je fais ce métier", language = "fr", weight = 2 },
  { term = "comme une servante", language = "fr", weight = 2 }, { term = "moins que rien", language = "fr", weight = 2 },
  { term = "ma façon de penser", language = "fr", weight = 1.5 }, { term = "journée de fou", language = "fr", weight = 1 },
  { term = "journée de merde", language = "fr", weight = 2 }, { term = "je démissionne", language = "fr", weight = 2 },
  { term = "je craque", language = "fr", weight = 2 }, { term = "pète les plombs", language = "fr", weight = 2 },
  { term = "pète un câble", language = "fr", weight = 2 }, { term = "rien ne marche", language = "fr", weight = 1.5 },
  { term = "se pense tout permis", language = "fr", weight = 1.5 }, { term = "je suis à bout", language = "fr", weight = 2 },
  { term = "j'en ai assez", language = "fr", weight = 2 }, { term = "ça me saoule", language = "fr", weight = 2 },
  { term = "ça m'énerve", language = "fr", weight = 1.5 }, { term = "fait chier", language = "fr", weight = 2 },
  { term = "so done with", language = "en", weight = 2 }, { term = "worst day ever", language = "en", weight = 2 },
  { term = "exhausted", language = "en", weight = 1 }, { term = "sick of", language = "en", weight = 2 },
  { term = "fed up", language = "en", weight = 2 }, { term = "quitting", language = "en", weight = 1.5 },
  { term = "i quit", language = "en", weight = 2 }, { term = "burned out", language = "en", weight = 2 },
  { term = "burnt out", language = "en", weight = 2 }, { term = "crying", language = "en", weight = 1.5 },
  { term = "tired of", language = "en", weight = 2 }, { term = "why do i even bother", language = "en", weight = 2 },
  { term = "disgust me", language = "en", weight = 2 }, { term = "can't take it anymore", language = "en", weight = 2.5 },
  { term = "has been hell", language = "en", weight = 2 }, { term = "can't stand", language = "en", weight = 2 },
  { term = "furious", language = "en", weight = 2 }, { term = "treat us like dirt", language = "en", weight = 2 },
  { term = "nobody even says thank you", language = "en", weight = 1.5 }, { term = "underpaid", language = "en", weight = 1.5 },
  { term = "overworked", language = "en", weight = 1.5 }, { term = "great life", language = "en", weight = 0.5 },
  { term = "hate my job", language = "en", weight = 2 }, { term = "pissed off", language = "en", weight = 2 },
  { term = "losing my mind", language = "en", weight = 2 }, { term = "drives me crazy", language = "en", weight = 2 },
  { term = "suis|sens|sentais|complètement vidée|vidé|crevée|crevé|claquée", language = "fr", weight = 1.5 }, { term = "à boutte", language = "fr", weight = 1.5 },
  { term = "comme à un chien", language = "fr", weight = 2 }, { term = "comme un chien", language = "fr", weight = 2 }, { term = "comme de la merde", language = "fr", weight = 2 },
  { term = "envoyer promener", language = "fr", weight = 2 }, { term = "ma claque", language = "fr", weight = 2 },
  { term = "m'enrage", language = "fr", weight = 2 }, { term = "je rage", language = "fr", weight = 2 }, { term = "sur les nerfs", language = "fr", weight = 2 },
  { term = "frustrée|frustré|frustrant", language = "fr", weight = 1.5 }, { term = "écœurant", language = "fr", weight = 1 },
  { term = "je suis tannée|tanné", language = "fr", weight = 2 }, { term = "j'ai hâte que ça finisse", language = "fr", weight = 1.5 },
  { term = "done with", language = "en", weight = 1.5 }, { term = "so done", language = "en", weight = 2 }, { term = "i'm done", language = "en", weight = 1.5 },
  { term = "over it", language = "en", weight = 1.5 }, { term = "can't deal", language = "en", weight = 2 }, { term = "drained", language = "en", weight = 1.5 },
  { term = "frustrated", language = "en", weight = 1.5 }, { term = "annoyed", language = "en", weight = 1.5 },
  { term = "so tired of", language = "en", weight = 2 }, { term = "hate when", language = "en", weight = 1.5 }, { term = "hate it when", language = "en", weight = 1.5 },
  { term = "treated|treat us|me like", language = "en", weight = 1.5 }, { term = "talk|talked|speak|spoke to me like", language = "en", weight = 1.5 },
  { term = "parlé|parle comme", language = "fr", weight = 1 }, { term = "ça me fait chier", language = "fr", weight = 2 },
  { term = "grrr|argh|😤|😡|🤬", weight = 1 },
  { term = "sick and tired", language = "en", weight = 2 }, { term = "prendre pour une bonniche|servante|bonne|esclave", language = "fr", weight = 2 },
  { term = "bonniche", language = "fr", weight = 1.5 }, { term = "today was awful|horrible|terrible", language = "en", weight = 1.5 },
  { term = "nobody respects", language = "en", weight = 1.5 }, { term = "ne respecte", language = "fr", weight = 1 },
  { term = "en beau maudit", language = "fr", weight = 2 }, { term = "en maudit|crisse|câlisse|calvaire", language = "fr", weight = 2 },
  { term = "crisser mon camp", language = "fr", weight = 2 }, { term = "journée de marde", language = "fr", weight = 2 },
  { term = "maudite|maudit job|travail|journée|clients", language = "fr", weight = 2 },
  { term = "je me demande ce que je fais là|ici", language = "fr", weight = 2 }, { term = "over this job|place|week", language = "en", weight = 2 },
  { term = "so over it", language = "en", weight = 2 }, { term = "ingrats|ingrates", language = "fr", weight = 1.5 },
  { term = "pas un merci", language = "fr", weight = 1.5 }, { term = "not even a thank you", language = "en", weight = 1.5 },
  { term = "ungrateful", language = "en", weight = 1.5 }, { term = "nightmare", language = "en", weight = 1 },
  { term = "treats us like garbage|dirt|trash", language = "en", weight = 2 },
}
-- Des injures, dites par quelqu'un de l'organisation.
L.injures = ling.lexicon {
  category = "injure",
  { term = "crétin", language = "fr", weight = 2 }, { term = "idiot", weight = 2 }, { term = "imbécile", language = "fr", weight = 2 },
  { term = "hypocrite", language = "fr", weight = 2 }, { term = "radin", language = "fr", weight = 1.5 },
  { term = "connard", language = "fr", weight = 3 }, { term = "conne", language = "fr", weight = 2 },
  { term = "abruti", language = "fr", weight = 2 }, { term = "débile", language = "fr", weight = 2 },
  { term = "niaiseux", language = "fr", weight = 1.5 }, { term = "cave", language = "fr", weight = 1 },
  { term = "tarée", language = "fr", weight = 2 }, { term = "salope", language = "fr", weight = 3 },
  { term = "enfoiré", language = "fr", weight = 3 }, { term = "grosse vache", language = "fr", weight = 3 },
  { term = "jerk", language = "en", weight = 2 }, { term = "jerks", language = "en", weight = 2 },
  { term = "moron", language = "en", weight = 2 }, { term = "entitled", language = "en", weight = 1 },
  { term = "asshole", language = "en", weight = 3 }, { term = "bitch", language = "en", weight = 3 },
  { term = "stupid", language = "en", weight = 1.5 }, { term = "cheapskate", language = "en", weight = 1.5 },
  { term = "dumbass", language = "en", weight = 2 }, { term = "🖕", weight = 2 },
}
-- L'exaspération qui n'en est pas : le rire, la fierté, la publicité qui
-- s'adresse au client (« Vous en avez marre de … ? »).
L.pas_exasperation = ling.pattern {
  "morte|mort|mourir|meurs|plus|pus|pleure|pleurer|pleuré de rire", "dead|dying … 😂|lol|laughing", "i am dead",
  "crying|cried laughing", "laughing so hard", "crying … 😂|🤣|lol",
  "fatigué|fatiguée|épuisée|épuisé … mais … fière|fier|heureuse|contente", "tired|exhausted but proud|happy",
  "(vous|tu) en avez|as marre|assez",
}

-- ---------------------------------------------------------------------------
-- Ragots sur la vie privée des clients, et personnes qu'on peut reconnaître.
-- ---------------------------------------------------------------------------
L.vie_privee = ling.lexicon {
  category = "vie-privee",
  { term = "divorce", weight = 2 }, { term = "divorcer", language = "fr", weight = 2 }, { term = "séparation", language = "fr", weight = 2 },
  { term = "se sépare", language = "fr", weight = 2 }, { term = "quitte son mari", language = "fr", weight = 2.5 },
  { term = "chimio", language = "fr", weight = 3 }, { term = "chimiothérapie", language = "fr", weight = 3 },
  { term = "cancer", weight = 3 }, { term = "dialyse", language = "fr", weight = 3 }, { term = "dialysis", language = "en", weight = 3 },
  { term = "enceinte", language = "fr", weight = 2.5 }, { term = "attend un bébé", language = "fr", weight = 2.5 },
  { term = "pregnant", language = "en", weight = 2.5 }, { term = "dépression", language = "fr", weight = 3 },
  { term = "depression", language = "en", weight = 3 }, { term = "décès", language = "fr", weight = 2 },
  { term = "malade", language = "fr", weight = 1.5 }, { term = "rehab", language = "en", weight = 3 },
  { term = "désintox", language = "fr", weight = 3 }, { term = "arrêté", language = "fr", weight = 1.5 },
  { term = "arrested", language = "en", weight = 2.5 }, { term = "overdue bills", language = "en", weight = 2.5 },
  { term = "relevés de banque", language = "fr", weight = 2.5 }, { term = "relevé bancaire", language = "fr", weight = 2.5 },
  { term = "dettes", language = "fr", weight = 2 }, { term = "perdu son emploi", language = "fr", weight = 2.5 },
  { term = "lost her job", language = "en", weight = 2.5 }, { term = "lost his job", language = "en", weight = 2.5 },
  { term = "bouteilles vides", language = "fr", weight = 2 }, { term = "wine bottles", language = "en", weight = 2 },
  { term = "pilules", language = "fr", weight = 2 }, { term = "pills", language = "en", weight = 2 },
  { term = "dort sur le sofa", language = "fr", weight = 2.5 }, { term = "chambres séparées", language = "fr", weight = 2.5 },
  { term = "fighting again", language = "en", weight = 2 }, { term = "leaving her husband", language = "en", weight = 2.5 },
  { term = "trompe", language = "fr", weight = 2.5 }, { term = "cheating on", language = "en", weight = 2.5 },
  { term = "vend sa maison", language = "fr", weight = 1.5 }, { term = "selling the house", language = "en", weight = 1.5 },
  { term = "bankrupt", language = "en", weight = 2 }, { term = "faillite", language = "fr", weight = 2 },
  { term = "coffre-fort", language = "fr", weight = 2 }, { term = "safe in the basement", language = "en", weight = 2 },
  { term = "jumeaux", language = "fr", weight = 1 }, { term = "messiest", language = "en", weight = 1.5 },
  { term = "désordre", language = "fr", weight = 1 }, { term = "champ de bataille", language = "fr", weight = 1 },
  { term = "disaster", language = "en", weight = 1 }, { term = "files everywhere", language = "en", weight = 1 },
  { term = "traînent partout", language = "fr", weight = 1 }, { term = "never sleeps at home", language = "en", weight = 2 },
  { term = "avant que son mari|sa femme|conjoint|conjointe le sache", language = "fr", weight = 2 },
  { term = "behind her|his back", language = "en", weight = 2 }, { term = "secretly", language = "en", weight = 1 },
  { term = "on a vu de ces choses", language = "fr", weight = 2 }, { term = "si vous saviez", language = "fr", weight = 2 },
  { term = "vous ne devinerez jamais", language = "fr", weight = 1.5 }, { term = "you wouldn't believe", language = "en", weight = 2 },
  { term = "you won't believe", language = "en", weight = 2 },
  { term = "chemo", language = "en", weight = 3 }, { term = "chemotherapy", language = "en", weight = 3 },
  { term = "surgery", language = "en", weight = 1.5 }, { term = "chirurgie|opération", language = "fr", weight = 1.5 },
  { term = "miscarriage", language = "en", weight = 3 }, { term = "fausse couche", language = "fr", weight = 3 },
  { term = "perdu son bébé", language = "fr", weight = 3 }, { term = "lost her|their baby", language = "en", weight = 3 },
  { term = "hospitalisé|hospitalisée", language = "fr", weight = 2 }, { term = "à l'hôpital", language = "fr", weight = 1.5 }, { term = "hospitalized", language = "en", weight = 2 }, { term = "in the hospital", language = "en", weight = 1.5 },
  { term = "alzheimer|démence|dementia", weight = 3 }, { term = "terminal|palliatif|palliative", weight = 3 },
  { term = "affair", language = "en", weight = 2 }, { term = "liaison|maîtresse|amant", language = "fr", weight = 2 },
  { term = "second family", language = "en", weight = 3 }, { term = "deuxième famille", language = "fr", weight = 3 }, { term = "hiding", language = "en", weight = 1 },
  { term = "dort sur son|le divan|sofa|canapé", language = "fr", weight = 2.5 }, { term = "sleeps|sleeping on the couch", language = "en", weight = 2.5 },
  { term = "sa|son femme|mari est parti|partie", language = "fr", weight = 2 }, { term = "wife|husband left", language = "en", weight = 2 },
  { term = "séparés|séparée|séparé", language = "fr", weight = 2 }, { term = "separated|separating", language = "en", weight = 2 },
  { term = "alcoolique|alcoolisme", language = "fr", weight = 2.5 }, { term = "boit trop", language = "fr", weight = 2.5 }, { term = "alcoholic", language = "en", weight = 2.5 }, { term = "drinks too much", language = "en", weight = 2.5 },
  { term = "only beer", language = "en", weight = 1.5 }, { term = "que de la bière", language = "fr", weight = 1.5 }, { term = "dettes|huissier|saisie", language = "fr", weight = 2 },
  { term = "debt|debts|bankruptcy|foreclosure", language = "en", weight = 2 }, { term = "chômage|licencié|licenciée|congédiée", language = "fr", weight = 2 },
  { term = "fired|unemployed", language = "en", weight = 2 }, { term = "laid off", language = "en", weight = 2 },
  { term = "avc|infarctus|leucémie|sclérose", language = "fr", weight = 3 }, { term = "crise cardiaque", language = "fr", weight = 3 },
  { term = "stroke|leukemia|sclerosis", language = "en", weight = 3 }, { term = "heart attack", language = "en", weight = 3 },
  { term = "maison de retraite", language = "fr", weight = 2 }, { term = "résidence pour aînés", language = "fr", weight = 2 },
  { term = "chsld", language = "fr", weight = 2 }, { term = "nursing|retirement home", language = "en", weight = 2 },
  { term = "wine cellar", language = "en", weight = 1 }, { term = "cave à vin", language = "fr", weight = 1 },
  { term = "moved out", language = "en", weight = 1.5 }, { term = "a déménagé", language = "fr", weight = 1 },
  { term = "papiers de divorce", language = "fr", weight = 3 }, { term = "divorce papers", language = "en", weight = 3 },
  { term = "boit pas mal|beaucoup", language = "fr", weight = 2 }, { term = "bouteilles s'accumulent", language = "fr", weight = 2 },
  { term = "custody|custody battle", language = "en", weight = 2.5 }, { term = "garde des enfants|garde partagée", language = "fr", weight = 2.5 },
  { term = "moving to", language = "en", weight = 1 }, { term = "déménage|déménagent", language = "fr", weight = 1 },
  { term = "pension|retraite|héritage|inheritance", weight = 1 },
}
-- Ce qui fait reconnaître une personne sans la nommer : on la voit à la
-- télé, elle a un Oscar, « vous la reconnaîtriez ».
L.reconnaissable = ling.pattern {
  category = "personnalite",
  "(voyez|voit|vois|vu|entendez|entend|entends) … à la télé|télévision|radio",
  "(see|saw|hear|heard) (him|her|them) … on tv|television|the radio|the news",
  "(you would | you'd) recognize|recognise", "vous (le|la|les) reconnaîtriez", "tout le monde (le|la) connaît",
  "(un|une) Oscar|Grammy|Félix|Gémeaux|Emmy|Juno|Olivier", "(an|a) Oscar|Grammy|Emmy|Juno",
  "joue|jouait|jouent pour (le | les | l)", "plays|played|playing for the", "(le | du) Canadien|Canadiens", "the Habs|Canadiens",
}
-- Ce qui relie la vie privée à une cliente ou un client de l'organisation.
L.client_vise = ling.pattern {
  "(notre|nos|ma|mon|une|la|le|cette|ce)? cliente|client|clientes|clients", "(le | la) monsieur|dame du|de|d", "the lady|man|guy|couple (at | in | on | with)", "the <name> kids|children|family", "chez (le|la|les|un|une)", "(le|la) famille",
  "(le|la) couple", "le|la mari|fils|fille de|du", "mme|madame|monsieur <name>?", "m <name>",
  "(our|my|a|the|this|that) client|clients|customer", "(the|a) couple", "the house|place|home|fridge|closet|office",
  "(we|i) clean|cleaned", "mrs|mr|ms <name>?",
  "house|maison|bungalow|condo",
}
-- Les personnes qu'un rôle public fait reconnaître.
L.personnalites = ling.lexicon {
  category = "personnalite",
  { term = "juge", language = "fr" }, { term = "ministre", language = "fr" }, { term = "député", language = "fr" },
  { term = "maire", language = "fr" }, { term = "mairesse", language = "fr" }, { term = "conseiller municipal", language = "fr" },
  { term = "conseillère municipale", language = "fr" }, { term = "vedette", language = "fr" }, { term = "=célébrité|=célébrités", language = "fr" },
  { term = "chanteuse", language = "fr" }, { term = "chanteur", language = "fr" }, { term = "comédienne", language = "fr" },
  { term = "comédien", language = "fr" }, { term = "acteur", language = "fr" }, { term = "actrice", language = "fr" },
  { term = "joueur", language = "fr" }, { term = "joueuse", language = "fr" }, { term = "présentatrice", language = "fr" },
  { term = "présentateur", language = "fr" }, { term = "animatrice", language = "fr" }, { term = "animateur", language = "fr" },
  { term = "dentiste", language = "fr" }, { term = "médecin", language = "fr" }, { term = "pharmacien", language = "fr" },
  { term = "pharmacienne", language = "fr" }, { term = "avocat", language = "fr" }, { term = "avocate", language = "fr" },
  { term = "procureur", language = "fr" }, { term = "procureure", language = "fr" }, { term = "politicien", language = "fr" },
  { term = "politicienne", language = "fr" }, { term = "policier", language = "fr" }, { term = "chirurgien", language = "fr" },
  { term = "judge", language = "en" }, { term = "minister", language = "en" }, { term = "mayor", language = "en" },
  { term = "councillor", language = "en" }, { term = "councilor", language = "en" }, { term = "=celebrity|=celebrities", language = "en" },
  { term = "famous", language = "en" }, { term = "singer", language = "en" }, { term = "actor", language = "en" },
  { term = "actress", language = "en" }, { term = "player", language = "en" }, { term = "coach", language = "en" },
  { term = "news anchor", language = "en" }, { term = "anchor", language = "en" }, { term = "chef", language = "en" },
  { term = "doctor", language = "en" }, { term = "dentist", language = "en" }, { term = "pharmacist", language = "en" },
  { term = "surgeon", language = "en" }, { term = "lawyer", language = "en" }, { term = "prosecutor", language = "en" },
  { term = "politician", language = "en" }, { term = "mp", language = "en" }, { term = "senator", language = "en" },
  { term = "notaire|notary", language = nil }, { term = "animateur|animatrice de la météo|télé|radio", language = "fr" },
  { term = "tv|radio host", language = "en" }, { term = "host", language = "en" }, { term = "influenceuse|influenceur|influencer", language = nil },
  { term = "youtubeur|youtubeuse|youtuber", language = nil }, { term = "journaliste|journalist", language = nil },
  { term = "ceo|pdg|président|présidente", language = nil }, { term = "hockeyeur|athlète|athlete", language = nil },
  { term = "humoriste|comedian|auteure|auteur|author|writer|écrivain", language = nil },
  { term = "évêque|curé|prêtre|priest|bishop", language = nil }, { term = "directeur|directrice d'école", language = "fr" },
  { term = "principal", language = "en" }, { term = "=policière|=policières|=policier|=policiers|=cop|=cops", language = nil },
  { term = "pasteur|pastor|rabbin|rabbi|imam|prêtre|priest", language = nil },
  { term = "gardien de but", language = "fr" }, { term = "goalie|goaltender|quarterback|pitcher|striker", language = "en" },
  { term = "hockey|soccer|football|baseball|basketball player|star", language = "en" }, { term = "vedette de la télé|du hockey", language = "fr" },
}
-- Les nouvelles : parler d'une personnalité qu'on a entendue, pas d'une cliente.
L.nouvelles = ling.pattern {
  "a|ont annoncé|déclaré|dit", "annonce|annoncé|annoncer", "à la radio|télé|télévision", "entrevue|entretien|conférence|balado",
  "announced|said|says", "podcast|interview|radio|guest|news conference", "shoutout|shout-out", "all the nurses|doctors",
}

return L
