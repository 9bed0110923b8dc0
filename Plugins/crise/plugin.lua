-- Crise : des échelles de réaction réutilisables, préparées avant la crise.
-- Source : seeds/000, étape 3 (« établir un processus de réaction en cas de
-- crise » : rester calme, dialoguer, prévenir poliment mais fermement, puis
-- exclure en mentionnant les raisons) et seeds/002 (« analyser les impacts et
-- élaborer des plans correctifs » après une divulgation).
-- Les titres, conseils et raisons des étapes sont en français et en
-- anglais (la langue de la politique choisit) ; chaque échelle et chaque
-- option a aussi son nom anglais (voir echelles.lua).
plugin {
  name = "crise",
  version = "1.2.0",
  title = { fr = "Échelles de réaction aux crises", en = "Crisis reaction ladders" },
  description = {
    fr = "Des escalades prêtes à l'emploi : dialogue, avertissement, exclusion motivée ; preuves et signalement ; retrait et plan correctif ; sollicitations suspectes.",
    en = "Ready-made escalations: dialogue, warning, exclusion with reasons; evidence and reporting; removal and corrective plan; suspicious solicitations.",
  },
  provides = {},  -- no declarations: policies build their reactions with require "crise.echelles"
}
