-- Policy of Northshore Physio, an invented physiotherapy clinic, written in
-- English with the same method as the French policies (seeds/000: analyse the
-- needs, set base rules, prepare the crisis reactions; seeds/002: detect
-- disclosures) — to show the engine is not tied to the seeds' clients.

policy {
  name = "northshore-physio",
  version = "1.0.0",
  language = "en",
  title = "Northshore Physio — human security on social media",
  -- The plugins' parameters under their English names; their rules speak
  -- English here, as the policy does.
  uses = {
    ["donnees-personnelles"] = { version = "^1.1", threats = { "staff-followed-home" },
                                 public_numbers = { "902 555-0100" } },
    absences = { version = "^1.1", threats = { "staff-followed-home" } },
    reputation = { version = "^1.1" },
  },
  disable = { "emotions-frustrations", "ragots-vie-privee", "propos-injurieux", "denigrement",
              "courriel-personnel", "adresse-personnelle", "identifiant-officiel", "habitudes-et-acces" },
}

threat "patient-confidentiality" {
  title = "A patient's health information made public",
  description = "A therapist's post names or describes a patient and their condition.",
  actors = { "employee" }, assets = { "patient-files" },
  likelihood = 3, impact = 5,
}

threat "staff-followed-home" {
  title = "A therapist followed home",
  description = "A phone number or an announced absence tells a stalker where and when to find a therapist.",
  actors = { "stranger", "client" },
  likelihood = 2, impact = 5,
}

threat "staff-harassment" {
  title = "Harassment or threats against the staff",
  actors = { "client", "stranger" },
  likelihood = 3, impact = 4,
}

threat "review-attacks" {
  title = "Angry reviews and complaints in public",
  actors = { "client", "former-client" },
  likelihood = 4, impact = 3,
}

-- The plugins' rules keep their own titles, charter lines and advice (in
-- English, the policy's language); this client adds the threats they
-- mitigate and its own advice where the clinic differs.
extend "menaces-intimidation" {
  advice = "Keep a dated copy; warn firmly that this is not acceptable; tell the clinic manager.",
  add_mitigates = { "staff-harassment" },
}
extend "chantage" { add_mitigates = { "staff-harassment" } }
extend "commentaire-negatif-client" { add_mitigates = { "review-attacks" } }

local health = text.lexicon {
  "diagnosis", "diagnosed", "MRI", "surgery", "concussion", "torn ligament", "ACL", "back pain", "herniated disc",
  "physio session", "treatment plan", "rehab", "his knee", "her knee", "his shoulder", "her shoulder",
}
local people = text.lexicon { "patient", "my patient", "this patient", "client", "Mr.", "Mrs.", "Ms." }

rule "patient-details" {
  title = "A patient's health details in a post",
  description = "A post by the clinic or a therapist combines a patient and a health detail.",
  charter = "Nothing about a patient — name, face, condition or treatment — is ever posted, even without a name.",
  severity = "critical",
  mitigates = { "patient-confidentiality" },
  advice = "Remove the post at once and tell the privacy officer.",
  check = function(post, ctx)
    local kind = post.actor and post.actor.kind
    if kind ~= "employee" and kind ~= "organisation" then return end
    local h, p = health:matches(post.text), people:matches(post.text)
    if #h > 0 and #p > 0 then
      for _, m in ipairs(p) do h[#h + 1] = m end
      ctx:flag { evidence = h }
    end
  end,
  examples = {
    flag = { { text = "My patient Mr. Doyle tore his ACL again, surgery next week…", actor = "jordan" } },
    pass = { { text = "Five exercises to protect your knees this winter.", actor = "jordan", good_practice = true },
             { text = "Our new rehab room is ready!", actor = "clinic", good_practice = true } },
  },
}

classification {
  title = "What may go where",
  charter = "Patient information never leaves the clinic's records; public posts carry public information only.",
  levels = { "public", "internal", "confidential", "secret" },
  channels = { public = "public", followers = "internal", direct = "internal" },
}

incident "privacy-breach" {
  title = "Patient information was posted",
  opened_by = { "patient-details" },
}

reaction "privacy-breach" {
  title = "Remove, inform, retrain",
  on = "privacy-breach", answers = { "patient-confidentiality" },
  steps = {
    { id = "remove", title = "Remove the post", advice = "Remove the post now; note what was visible and for how long." },
    { id = "inform", title = "Inform the privacy officer and the patient", when = "patient-details",
      advice = "The privacy officer informs the patient and records the breach." },
    { id = "retrain", title = "Retrain the team", when = "patient-details", record_reasons = true, close = true,
      advice = "Go through the privacy rules with the whole team, with this case." },
  },
}

incident "staff-at-risk" {
  title = "A therapist is threatened or exposed",
  opened_by = { "menaces-intimidation", "chantage", "telephone-personnel", "annonce-absence" },
}

reaction "staff-at-risk" {
  title = "Document, warn, block, call",
  on = "staff-at-risk", answers = { "staff-harassment", "staff-followed-home" },
  steps = {
    { id = "document", title = "Document", advice = "Keep dated copies; the therapist does not answer alone." },
    { id = "warn", title = "Warn firmly", when = { any = { "menaces-intimidation", "chantage" } },
      advice = "The manager warns, politely and firmly, that threats end the care relationship." },
    { id = "block-and-report", title = "Block and report", when = { any = { "menaces-intimidation", "chantage" } },
      advice = "Block the account and report it to the platform with the evidence." },
    { id = "police", title = "Call the police", when = { any = { "menaces-intimidation", "chantage" }, min_severity = "high" },
      record_reasons = true, close = true, advice = "File a complaint with the evidence; adapt the therapist's shifts." },
  },
}

incident "public-complaint" {
  title = "A patient complains in public",
  opened_by = { "commentaire-negatif-client" },
}

reaction "public-complaint" {
  title = "Answer in private, then once in public",
  on = "public-complaint", answers = { "review-attacks" },
  steps = {
    { id = "private-contact", title = "Contact in private", advice = "Call the patient; listen; offer a solution." },
    { id = "public-reply", title = "One factual public reply", when = "commentaire-negatif-client", close = true,
      advice = "Post one short, factual reply, without health details, and invite to continue in private." },
  },
}

scenario "patient-turns-hostile" {
  title = "A patient turns hostile over three weeks",
  actor = "mr-doyle",
  platform = "twitter",
  reaction = "staff-at-risk",
  timeline = {
    { at = "2026-05-04T10:00:00-03:00", text = "You'll regret this, I know where you live.", expect = "document" },
    { at = "2026-05-11T10:00:00-03:00", text = "Watch your back, I'm serious.", expect = "warn" },
    { at = "2026-05-18T10:00:00-03:00", text = "You'll regret this.", expect = "block-and-report" },
    { at = "2026-05-25T10:00:00-03:00", text = "Pay me or I publish everything about your clinic.", expect = "police" },
  },
}

scenario "privacy-slip" {
  title = "Jordan talks about a patient, twice",
  actor = "jordan",
  platform = "twitter",
  reaction = "privacy-breach",
  timeline = {
    { text = "My patient Mr. Doyle tore his ACL again, surgery next week…", expect = "remove" },
    { text = "That patient with the herniated disc is back, poor guy", expect = "inform" },
    { text = "Mrs. B's MRI came back, this patient will need surgery", expect = "retrain" },
  },
}

scenario "angry-review" {
  title = "An angry patient in public",
  actor = "mr-doyle",
  platform = "mastodon",
  reaction = "public-complaint",
  timeline = {
    { text = "Worst clinic ever, I'm so fed up with this place.", expect = "private-contact" },
    { text = "Still waiting, this is a joke. So fed up.", expect = "public-reply" },
  },
}
