-- Crise : des échelles de réaction réutilisables, préparées avant la crise.
-- Source : seeds/000, étape 3 (« établir un processus de réaction en cas de
-- crise » : rester calme, dialoguer, prévenir poliment mais fermement, puis
-- exclure en mentionnant les raisons) et seeds/002 (« analyser les impacts et
-- élaborer des plans correctifs » après une divulgation).
plugin {
  name = "crise",
  version = "1.0.0",
  title = "Échelles de réaction aux crises",
  description = "Des escalades prêtes à l'emploi : dialogue, avertissement, exclusion motivée ; preuves et signalement ; retrait et plan correctif ; sollicitations suspectes.",
  provides = {},  -- no declarations: policies build their reactions with require "crise.echelles"
}
