-- Le vocabulaire propre à Éclat Net : ce qu'on demande quand on veut faire
-- parler l'équipe de ses clients, ce qu'on offre en échange, et les façons de
-- nommer une cliente sans son accord. En français (Québec compris) et en
-- anglais ; les mots se comparent par leur radical (voir docs/toolkit.md,
-- « Le module linguistique »).
local V = {}

-- Une demande de renseignement, même sans point d'interrogation.
V.demande = ling.pattern {
  "dites-moi|dis-moi|donnez-moi|donne-moi|confirmez-moi|confirme-moi|envoyez-moi|indiquez-moi",
  "(vous|tu) (pouvez|peux|pourriez|pourrais|pourrait) me dire|donner|confirmer|envoyer|indiquer",
  "me dire|donner|confirmer|indiquer",
  "(je cherche | j'aimerais | je voudrais | je veux | on veut | je veux juste) …{2} savoir",
  "renseigne-moi|renseignez-moi", "(des | les) infos|informations|renseignements sur",
  "(i'd like | i would like | i want | i need | i'm trying | i am trying) to know|find out", "any idea",
  "do|would you … know", "info|information on|about",
  "(vous savez | tu sais | savez-vous | sais-tu) si|quand|où|qui|quel|quelle",
  "si (vous|tu) me (dites|dis|donnez|donnes|confirmez)",
  "(tu|vous) me (dis|dites|donnes|donnez)",
  "tell|give|send|show me", "let me know", "can|could|would you tell|give|send|confirm",
  "if you tell|give me", "do you know", "i need to know", "you would know", "you must know", "asking for a friend",
}

-- Des tiers : les clients, une famille, des voisins, des propriétaires, une personnalité.
V.tiers = ling.pattern {
  "(vos|tes|des|les|nos|leurs|quels|quelles|quelques) clients|clientes", "(votre|ta|une|la|cette|ce|mon|ma|un) cliente|client",
  "chez (les|le|la|des|m|mme|madame|monsieur)? <name>", "les|des <name>", "(la|le|les) maison|maisons|famille|propriétaires|proprio|proprios|gens|couple|dame|monsieur|voisin|voisine|voisins",
  "ils|elles|il|elle|eux",
  "your clients|customers|client|customer", "(the|at) <name>", "the owners|owner|people|family|couple|lady|guy|neighbours|neighbors|house",
  "she|he|they|them|her|his|their", "who is|who's rich", "one of your clients",
}
-- Ce qu'un inconnu n'a pas à savoir d'eux : où, quand, qui, ce qu'ils possèdent.
V.renseignements = ling.lexicon {
  category = "renseignement",
  { term = "où", language = "fr" }, { term = "adresse", language = "fr" }, { term = "habite", language = "fr" },
  { term = "habitent", language = "fr" }, { term = "vit", language = "fr" }, { term = "vivent", language = "fr" },
  { term = "demeure", language = "fr" }, { term = "rue", language = "fr" }, { term = "coin", language = "fr" },
  { term = "quand", language = "fr" }, { term = "heure", language = "fr" }, { term = "horaire", language = "fr" },
  { term = "jour", language = "fr" }, { term = "journée", language = "fr" }, { term = "semaine", language = "fr" },
  { term = "souvent", language = "fr" }, { term = "partir", language = "fr" }, { term = "partent", language = "fr" },
  { term = "part", language = "fr" }, { term = "parti", language = "fr" }, { term = "absent", language = "fr" },
  { term = "vide", language = "fr" }, { term = "au chalet", language = "fr" }, { term = "en voyage", language = "fr" },
  { term = "en vacances", language = "fr" }, { term = "revient", language = "fr" }, { term = "reviennent", language = "fr" },
  { term = "retour", language = "fr" }, { term = "chez elle", language = "fr" }, { term = "chez lui", language = "fr" },
  { term = "chez eux", language = "fr" }, { term = "au travail", language = "fr" }, { term = "riche", language = "fr" },
  { term = "argent", language = "fr" }, { term = "bijoux", language = "fr" }, { term = "coffre-fort", language = "fr" },
  { term = "noms", language = "fr" }, { term = "liste", language = "fr" }, { term = "qui", language = "fr" },
  { term = "accès", language = "fr" }, { term = "habite où", language = "fr" },
  { term = "quitte|quittent|quitter", language = "fr" }, { term = "sort|sortent|rentre|rentrent", language = "fr" },
  { term = "matin|soir|fin de semaine", language = "fr" }, { term = "seul|seule|seuls", language = "fr" },
  { term = "coffre|cachent|cache|garde|gardent", language = "fr" },
  { term = "where", language = "en" }, { term = "address", language = "en" }, { term = "live", language = "en" },
  { term = "living", language = "en" }, { term = "street", language = "en" }, { term = "when", language = "en" },
  { term = "what time", language = "en" }, { term = "what days", language = "en" }, { term = "usually", language = "en" },
  { term = "away", language = "en" }, { term = "out", language = "en" }, { term = "gone", language = "en" },
  { term = "back", language = "en" }, { term = "home", language = "en" }, { term = "leave", language = "en" },
  { term = "snowbird", language = "en" }, { term = "vacation", language = "en" }, { term = "trip", language = "en" },
  { term = "rich", language = "en" }, { term = "money", language = "en" }, { term = "jewelry", language = "en" },
  { term = "names", language = "en" }, { term = "list", language = "en" }, { term = "who", language = "en" },
  { term = "leaves|left|leaving", language = "en" }, { term = "morning|evening|weekend|night", language = "en" },
  { term = "alone", language = "en" }, { term = "safe|keeps|hide|hides", language = "en" },
}
-- Comment entrer chez quelqu'un : clés, codes, alarmes.
V.acces = ling.pattern {
  "clé|clés|clef|clefs|double|code|codes|alarme|alarmes|cadenas", "boîte à clés",
  "système d'alarme", "key|keys|copies|copy|alarm|alarms|lockbox|code|codes",
}
-- La pêche sans détour : « chez qui », « qui sont vos clients ».
V.directe = ling.pattern {
  "chez qui", "(qui sont | quels sont | c'est qui) vos|tes clients",
  "(vous faites | tu fais | vous travaillez | tu travailles | faites-vous | travaillez-vous) (le ménage)? chez|pour",
  "do|did you (clean | work) for|at", "is it true you clean|work",
  "quels|quelles clients|clientes (vous avez | tu as | avez-vous)?", "noms|adresses … (de|des) vos|tes clients",
  "who are your clients|customers", "list|names … of your clients|customers", "any names", "who's|who is rich",
  "clients|customers list", "which of your clients", "names …{3} of your …{3} clients|customers",
  "your …{2} (richest | wealthiest | biggest) clients|customers", "vos|tes clients|clientes les plus riches",
  "(which | what) houses|homes|clients|streets|places … (do you | you) clean|work", "who do you clean|work for",
  "quel|quelle|quels|quelles maison|maisons|rue|rues|famille|familles|client|clients|cliente|clientes … (vous | tu) (faites | fais | allez | vas | nettoyez)",
  "noms de rue|rues", "street names", "quelles maisons|rues|familles (vous | tu)", "pour qui (vous travaillez | tu travailles)",
  "your client list", "vos|tes adresses",
}
-- Une offre en échange : de l'argent, un contrat, une faveur.
V.offre = ling.pattern {
  category = "offre",
  "(je|on) (vous|te) (donne|donnerai|donnerais|paie|paierai|paye|payerai|verse|offre|offrirai)",
  "<num> $ … si|pour|if|for", "$ <num> … si|pour|if|for", "pour <num> $",
  "combien (vous voulez | tu veux | pour)", "(une|contre) commission|récompense|rémunération",
  "je te|vous revaudrai ça", "personne ne le saura", "discrétion assurée",
  "(i will | i would) pay|give you", "pay you well", "make it worth your while", "cash", "no questions asked",
  "(nobody | no one) will know",
}

-- Nommer une famille ou une personne cliente (sans savoir si elle a donné son accord).
V.nom_client = ling.pattern {
  "chez (les|le|la|m|mme|madame|monsieur) <name>", "(la|les) famille|familles <name>", "(aux | à la famille) <name>",
  "les <name> (sont|ont|partent|reviennent|vont|étaient|seront|passent|cachent|laissent|gardent)", "mme|m|madame|monsieur <name>",
  "the <name> (are|were|is|was|have|left|leave|will|went|house|place|alarm|door|key|keys|garage|pool|cottage|hide|keep|leave|always|never)",
  "(to | for) the <name> (family | household)",
  "at the <name> on|every|this|tonight|today", "<name> alarm|door|code|key|keys|house|place|garage",
  "mrs|mr|ms <name>",
}

return V
