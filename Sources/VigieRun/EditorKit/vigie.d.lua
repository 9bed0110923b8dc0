---@meta vigie
-- Definitions of the Vigie authoring API for the Lua language server
-- (LuaLS): what a policy's and a plugin's files see. `vigie init` and
-- `vigie editor-kit` put this file beside a policy (.vigie-editor/) with a
-- .luarc.json that names it; the test functions (describe, it, check,
-- expect, fixture) are in vigie-testing.d.lua, which only the tests/
-- folder's .luarc.json names, so that rules are not offered them.
-- Reference: docs/authoring-api.md.
--
-- What a policy sees is read-only: the functions and tables below cannot be
-- replaced (`rule = nil`, `text.fold = f`, `rawset(pii, ...)` are errors at
-- their line), nor can any global whose name starts with `__vigie_`. A test
-- (DocsTests) compares this file and vigie-testing.d.lua with what a loaded
-- engine exposes, both ways.

--- A text shown to people: a string, or the same text in French and in
--- English, of which the policy's language picks one (the other when it
--- is missing). Plugins use both so that any policy reads them in its language.
---@alias vigie.Text string|{ fr?: string, en?: string }

---@alias vigie.Severity "info"|"low"|"medium"|"high"|"critical"
---@alias vigie.ActorKind "employee"|"client"|"former-client"|"competitor"|"stranger"|"public-figure"|"organisation"
---@alias vigie.Platform "facebook"|"instagram"|"linkedin"|"mastodon"|"twitter"|"website"|string
---@alias vigie.Visibility "public"|"unlisted"|"followers"|"connections"|"direct"|"unknown"
---@alias vigie.ActivityKind "post"|"comment"|"reply"|"share"|"direct-message"

-- Declarations ---------------------------------------------------------------

---@class vigie.PolicySpec
---@field name string                      identifier of the client policy
---@field version? string                  "1.0.0"
---@field language? "fr"|"en"              language of titles, advice and reasons (default "fr")
---@field title? vigie.Text
---@field description? vigie.Text
---@field charter? vigie.Text              text for the usage charter
---@field uses? table<string, table>       plugin name → parameters (by name or English name); `version = "^1.2"` constrains the version
---@field disable? string[]                ids of declarations (often a plugin's) to switch off
---@field serve? { block?: vigie.Severity, warn?: vigie.Severity }  how `vigie serve` decides on a draft (default: block high, warn low)

--- Declares the policy: first statement of `policy.lua`.
---@param spec vigie.PolicySpec
function policy(spec) end

---@class vigie.ParameterSpec
---@field type "string"|"integer"|"number"|"boolean"|"list"|"table"|"enum"
---@field default? any
---@field description? vigie.Text
---@field en? string         the parameter's English name, which policies may use instead
---@field values? string[]   for "enum"
---@field min? number
---@field max? number

---@class vigie.PluginSpec
---@field name string                           must be the plugin's folder name
---@field version string                        "1.2.0"
---@field title? vigie.Text
---@field description? vigie.Text
---@field charter? vigie.Text
---@field provides? table<string, string[]>     { rules = {...}, indicators = {...}, reactions = {...} }
---@field parameters? table<string, vigie.ParameterSpec>

--- Declares a plugin: the only statement of a plugin's `plugin.lua`. Its
--- code goes in `init.lua` (and modules loaded with `require "name.module"`).
---@param spec vigie.PluginSpec
function plugin(spec) end

--- While a plugin's `init.lua` loads: its effective parameters (defaults
--- filled in, types checked). At run time, use `ctx.params`.
---@type table<string, any>
params = {}

--- What each loaded plugin's `init.lua` returned, by plugin name.
---@type table<string, table>
plugins = {}

---@class vigie.Common
---@field title? vigie.Text
---@field description? vigie.Text
---@field charter? vigie.Text      sentence for the usage charter

---@class vigie.ThreatSpec: vigie.Common
---@field actors? string[]           who could cause it (actor kinds or names)
---@field assets? string[]           assets at stake (profile asset ids)
---@field channels? vigie.Platform[] channels through which it happens
---@field issues? string[]           security issues of the profile it belongs to
---@field likelihood? integer|fun(org: vigie.Org): integer   1–5 (default 3)
---@field impact? integer|fun(org: vigie.Org): integer       1–5 (default 3)
---@field applies? fun(org: vigie.Org): boolean, string?     whether it concerns this organisation, and why

--- `threat "id" { ... }`
---@param id string
---@return fun(spec: vigie.ThreatSpec)
function threat(id) end

--- A made-up post, for a rule's examples and for check in test files: the
--- fields of vigie.Post that make sense to give (any other is an error).
--- Defaults: kind "post", platform "facebook" (an example: its rule's first
--- platform), visibility "public", time 2026-01-05T10:00:00Z.
---@class vigie.PostSpec
---@field text string
---@field id? string
---@field kind? vigie.ActivityKind
---@field platform? vigie.Platform
---@field visibility? vigie.Visibility
---@field actor? string                 id of a person of the profile, or a kind ("employee", "client"…)
---@field handle? string                the author's handle (default: the actor's id)
---@field author? vigie.Account|string
---@field time? number|string           seconds since 1970, or ISO 8601 text ("2026-03-01T22:00:00-05:00") whose offset is the post's
---@field utc_offset? integer           seconds (overrides the offset of an ISO time)
---@field recipients? (vigie.Account|string)[]
---@field language? string
---@field content_warning? string
---@field sensitive? boolean
---@field title? string
---@field mentions? string[]
---@field hashtags? string[]
---@field links? string[]
---@field attachments? vigie.Attachment[]
---@field place? { name?: string, address?: string, location?: vigie.Point }
---@field reply_to? { activity?: string, account?: vigie.Account|string }
---@field shared_url? string
---@field conversation? string

---@class vigie.Examples
---@field flag? (string|vigie.PostSpec)[]   posts the rule must flag
---@field pass? (string|vigie.PostSpec)[]   posts it must not flag

---@class vigie.RuleSpec: vigie.Common
---@field severity? vigie.Severity           default "medium"
---@field mitigates? string[]                threat ids
---@field advice? vigie.Text                 default advice of its findings
---@field check fun(post: vigie.Post, ctx: vigie.Context)
---@field examples? vigie.Examples
---@field platforms? vigie.Platform[]        only these platforms
---@field kinds? vigie.ActivityKind[]        only these kinds of activity

--- `rule "id" { ... }`: a check over one activity.
---@param id string
---@return fun(spec: vigie.RuleSpec)
function rule(id) end

---@class vigie.IndicatorSpec: vigie.Common
---@field severity? vigie.Severity           default "low"
---@field mitigates? string[]
---@field advice? vigie.Text
---@field state? fun(): table                the initial per-actor state (default {})
---@field observe fun(post: vigie.Post, state: table, ctx: vigie.Context)  call ctx:signal{...}
---@field platforms? vigie.Platform[]
---@field kinds? vigie.ActivityKind[]

--- `indicator "id" { ... }`: watches an actor's history (the state is per
--- actor, kept between activities, bounded to 10,000 actors).
---@param id string
---@return fun(spec: vigie.IndicatorSpec)
function indicator(id) end

---@class vigie.IncidentSpec: vigie.Common
---@field opened_by string[]      rule or indicator ids whose findings open it (one per actor at a time)
---@field severity? vigie.Severity

--- `incident "id" { ... }`
---@param id string
---@return fun(spec: vigie.IncidentSpec)
function incident(id) end

---@class vigie.Event
---@field id string           rule or indicator id
---@field title string
---@field severity vigie.Severity
---@field fingerprint string
---@field activity string     activity id
---@field at string           ISO 8601

---@class vigie.IncidentView
---@field id string
---@field kind string
---@field actor? string
---@field step string         current step id
---@field opened_at string
---@field history string[]    step ids so far

---@class vigie.Condition
---@field any? string[]            any of these ids …
---@field all? string[]            … or all of them
---@field count? integer           at least this many events (default 1)
---@field min_severity? vigie.Severity

---@class vigie.Step
---@field id string
---@field title? vigie.Text
---@field advice? vigie.Text
---@field when? string|vigie.Condition|fun(incident: vigie.IncidentView, events: vigie.Event[]): boolean, string?
---@field record_reasons? boolean  write down the findings that led here (exclusion)
---@field reasons? vigie.Text|fun(incident: vigie.IncidentView, events: vigie.Event[]): string
---@field close? boolean           close the incident at this step

---@class vigie.ReactionSpec: vigie.Common
---@field on string          incident id
---@field answers? string[]  threat ids
---@field steps vigie.Step[] from the mildest to the firmest

--- `reaction "id" { ... }`: an escalation prepared in advance.
---@param id string
---@return fun(spec: vigie.ReactionSpec)
function reaction(id) end

---@class vigie.TimelineEvent
---@field at? string           ISO 8601 (default: one hour after the previous event)
---@field text string
---@field platform? vigie.Platform
---@field kind? vigie.ActivityKind
---@field visibility? vigie.Visibility
---@field expect? string       the step expected after this event ("none" for no incident)
---@field note? string

---@class vigie.ScenarioSpec: vigie.Common
---@field actor string|{ id: string, kind?: vigie.ActorKind, name?: string, handle?: string }
---@field platform? vigie.Platform
---@field timeline vigie.TimelineEvent[]

--- `scenario "id" { ... }`: a crisis simulation.
---@param id string
---@return fun(spec: vigie.ScenarioSpec)
function scenario(id) end

---@class vigie.ClassificationSpec: vigie.Common
---@field levels? string[]                  least to most sensitive (default public, internal, confidential, secret)
---@field markers? table<string, string[]>  level → marker terms
---@field channels? table<string, string>   platform, visibility, kind, "platform:visibility" or "*" → highest level allowed

--- `classification { ... }`: information classification and filtering per channel.
---@param spec vigie.ClassificationSpec
function classification(spec) end

--- What `extend` may change: a field of the declaration's kind (a rule's
--- check, a threat's likelihood, a reaction's steps…); any other is an error.
---@class vigie.ExtendSpec
---@field severity? vigie.Severity
---@field advice? vigie.Text
---@field title? vigie.Text
---@field description? vigie.Text
---@field charter? vigie.Text
---@field mitigates? string[]          replaces the threat ids it mitigates
---@field add_mitigates? string[]      adds threat ids
---@field check? fun(post: vigie.Post, ctx: vigie.Context)          a rule's
---@field observe? fun(post: vigie.Post, state: table, ctx: vigie.Context)  an indicator's
---@field enabled? boolean             false switches it off (as disable)
---@field likelihood? integer|fun(org: vigie.Org): integer          a threat's
---@field impact? integer|fun(org: vigie.Org): integer              a threat's
---@field applies? fun(org: vigie.Org): boolean, string?            a threat's
---@field answers? string[]            a reaction's threat ids
---@field steps? vigie.Step[]          a reaction's steps
---@field opened_by? string[]          an incident's rule ids
---@field examples? vigie.Examples     replaces the examples
---@field platforms? vigie.Platform[]
---@field kinds? vigie.ActivityKind[]

--- `extend "id" { ... }`: changes a declaration (a plugin's, usually).
---@param id string
---@return fun(changes: vigie.ExtendSpec)
function extend(id) end

--- Switches declarations off.
---@param ids string|string[]
function disable(ids) end

-- Run time -------------------------------------------------------------------

---@class vigie.Account
---@field platform string
---@field handle? string
---@field id? string
---@field name? string
---@field url? string

---@class vigie.Point
---@field lat number
---@field lon number

---@class vigie.Attachment
---@field kind "image"|"video"|"audio"|"link"|"document"|"other"
---@field uri? string
---@field media_type? string
---@field alt_text? string
---@field location? vigie.Point   EXIF position
---@field taken_at? string|number   (an ISO 8601 text in a post)
---@field device? string

--- An activity, read-only (a userdata: use pairs, ipairs, # and fields;
--- writing to it is an error, in `vigie check`, examples, tests and the REPL alike).
---@class vigie.Post
---@field id string
---@field kind vigie.ActivityKind
---@field platform vigie.Platform
---@field author vigie.Account
---@field actor? { id: string, kind: vigie.ActorKind, name?: string }   the profile's actor, when known
---@field time number           seconds since 1970
---@field timestamp string      ISO 8601 with the source's offset
---@field utc_offset integer    seconds
---@field hour integer          local hour, 0–23
---@field minute integer
---@field weekday integer       1 = Monday … 7 = Sunday
---@field visibility vigie.Visibility
---@field recipients? vigie.Account[]
---@field text string           original text: evidence offsets point into it
---@field folded string         normalised (NFKC, case, accents, typography folded)
---@field language? string
---@field content_warning? string
---@field sensitive boolean
---@field title? string
---@field mentions string[]
---@field hashtags string[]
---@field links string[]
---@field attachments vigie.Attachment[]
---@field place? { name?: string, address?: string, location?: vigie.Point }
---@field reply_to? { activity?: string, account?: vigie.Account }
---@field shared_url? string
---@field conversation? string

---@class vigie.Match
---@field kind string       "phone", "email", "postal-code", "street-address", "iban", "nir", "sin", "url", "domain", "date", "absence", "lexicon", "term", "word", "pattern"
---@field text string       as written in the original
---@field start integer     Unicode-scalar offset (0-based) into the text
---@field stop integer      offset after the last scalar
---@field value? string     normalised value (E.164 phone, ISO date, folded term…)
---@field category? string  lexicon category
---@field weight? number
---@field label? string
---@field level? string     for classify() matches
---@field attributes? table<string, string>

---@class vigie.Flag
---@field evidence? vigie.Match|vigie.Match[]|{ start: integer, stop: integer, label?: string }
---@field advice? vigie.Text
---@field severity? vigie.Severity   overrides the rule's
---@field note? vigie.Text

---@class vigie.Context
---@field rule string          id of the running rule or indicator
---@field params table         its plugin's parameters ({} for the policy's own)
---@field org vigie.Org
---@field post vigie.Post
---@field actor? table
local Context = {}
--- Reports a finding. At most 100 flags and 1,000 evidence spans per rule
--- and activity: the flag past that budget raises an error.
---@param flag? vigie.Flag
function Context:flag(flag) end
--- Same as flag, for indicators.
---@param flag? vigie.Flag
function Context:signal(flag) end

--- The organisation profile (read-only; fields as in docs/profile-schema.md).
---@class vigie.Org
---@field organisation { name: string, sector?: string, language?: string, description?: string }
---@field purposes string[]
---@field clientele string[]
---@field platforms table[]
---@field securityIssues table[]
---@field concerns string[]
---@field assets table[]
---@field channels table[]
local Org = {}
---@param platform vigie.Platform
---@return boolean
function Org:uses(platform) end
---@param id string
---@return boolean
function Org:has_issue(id) end
---@param kind? vigie.ActorKind
---@return table[]
function Org:people(kind) end
---@param id string
---@return table?
function Org:person(id) end
---@param level? "public"|"internal"|"confidential"|"secret"   at least this level
---@return table[]
function Org:assets(level) end

---@type vigie.Org
org = {}

-- Toolkit ----------------------------------------------------------------------

---@class vigie.Lexicon
local Lexicon = {}
---@param s string
---@return vigie.Match[]
function Lexicon:matches(s) end
---@param s string
---@return boolean
function Lexicon:contains(s) end
--- The match that starts first (the longest there), or nil.
---@param s string
---@return vigie.Match?
function Lexicon:first(s) end
---@return integer
function Lexicon:count() end

---@class vigie.PatternMatch: vigie.Match
---@field folded string what the pattern matched, in the folded text
---@field captures? string[] the pattern's captures

text = {}
--- NFKC, case and accent folding, French typography (’ → ', no-break spaces).
---@param s string
---@return string
function text.fold(s) end
--- Folded words.
---@param s string
---@return string[]
function text.tokens(s) end
--- Words with their offsets in the original text.
---@param s string
---@return vigie.Match[]
function text.words(s) end
--- Number of Unicode scalars.
---@param s string
---@return integer
function text.length(s) end
--- Scalars [from, to) of s (0-based offsets, as in matches).
---@param s string
---@param from integer
---@param to? integer
---@return string
function text.sub(s, from, to) end
--- Occurrences of a term (folded comparison; whole words unless whole_words is false).
---@param s string
---@param term string
---@param whole_words? boolean
---@return vigie.Match[]
function text.find(s, term, whole_words) end
---@param s string
---@param term string
---@return boolean
function text.contains(s, term) end
--- Byte positions (as string.find returns) to a match with scalar offsets.
---@param s string
---@param i integer
---@param j integer
---@param label? string
---@return vigie.Match
function text.span(s, i, j, label) end
--- Every match of a Lua pattern in the folded text (as post.folded: lower
--- case, no accents, apostrophes and spaces unified), given back in the
--- original text, ready as evidence: text is the original words, folded
--- what the pattern matched, captures its captures. Write the pattern folded:
--- text.search(post.text, "vacances? du (%d+)").
---@param s string
---@param pattern string
---@param max? integer at most this many matches
---@return vigie.PatternMatch[]
function text.search(s, pattern, max) end
--- A lexicon (fast with tens of thousands of terms): strings or
--- { term, category, weight, language }; whole_words = false to match inside words.
---@param terms (string|{ term: string, category?: string, weight?: number, language?: string })[]|{ whole_words?: boolean }
---@return vigie.Lexicon
function text.lexicon(terms) end

--- A built-in vocabulary (French and English): vocab("insult").
--- `vocab.names` lists them: venting, insult, intimidation, threat, blackmail,
--- gossip, access, bribe, personal-life.
---@type (fun(name: "venting"|"insult"|"intimidation"|"threat"|"blackmail"|"gossip"|"access"|"bribe"|"personal-life"|string): vigie.Lexicon)|{ names: string[] }
vocab = nil

-- The linguistic layer (docs/toolkit.md, "The linguistic layer") -------------

--- A match of `ling.lexicon`, `ling.vocab` or `ling.pattern`.
---@class vigie.LingMatch: vigie.Match
---@field kind "lexicon"|"pattern"
---@field value string        the term as written, or the pattern's source
---@field category string
---@field weight number
---@field language? string    the term's or pattern's language
---@field negated boolean     its first token is in the scope of a negation that comes before it ("pas déçue")
---@field question boolean    its sentence is a question ("?", "quand…", "savez-vous", "do you…")
---@field sentence integer    1-based index of its sentence
---@field parts { start: integer, stop: integer, text: string }[]   the tokens the words matched (not the gaps)

--- Which matches to keep (all fields optional).
---@class vigie.LingFilter
---@field negated? boolean        true: only negated matches; false: only matches not negated
---@field question? boolean       true: only in questions; false: only outside questions
---@field category? string|string[]
---@field overlapping? boolean    keep overlapping matches (default: one match per piece of text, leftmost, longest, heaviest)
---@field language? "fr"|"en"|"any"   the text's language (default: guessed from its function words when clear)

---@class vigie.LingMatcher
local LingMatcher = {}
---@param s string
---@param filter? vigie.LingFilter
---@return vigie.LingMatch[]
function LingMatcher:matches(s, filter) end
---@param s string
---@param filter? vigie.LingFilter
---@return boolean
function LingMatcher:contains(s, filter) end
---@return integer   the number of terms or patterns
function LingMatcher:count() end

---@class vigie.LingToken
---@field text string          folded ("j'" → "je", "don't" → "do" "not", numbers as their digits)
---@field original string      as written
---@field kind "word"|"number"|"symbol"
---@field start integer
---@field stop integer
---@field stem_fr string
---@field stem_en string
---@field sentence integer     1-based
---@field negated boolean      in the scope of a negation before it
---@field negation boolean     a negation itself ("ne", "pas", "jamais", "not"…)
---@field question boolean     in a question
---@field capitalized? boolean
---@field uppercase? boolean
---@field language? "fr"|"en"  on the first token: the text's language when clear

ling = {}

--- An inflecting lexicon: terms match by their stems in their language
--- ("crétin" finds "crétins", "bâclé" finds "baclées"). A word written
--- "=mot" matches exactly, "mot*" as a prefix, "a|b" either; `gap` lets up
--- to that many other words stand between two words of a term.
---@param spec (string|{ term: string, category?: string, weight?: number, language?: "fr"|"en" })[]|{ language?: "fr"|"en", category?: string, weight?: number, gap?: integer }
---@return vigie.LingMatcher
function ling.lexicon(spec) end

--- Patterns over tokens: "tu vas … regretter", "paie|payez …{6} ou (je|on) publie",
--- "(tu vas | vous allez) le? regretter", "nas|sin … <num:9>", "chez les <name>",
--- "!recommander" (negated). Gaps are bounded (… is up to 4 tokens, at most 12);
--- matching is linear in the text. A syntax error is raised at the caller's line.
---@param spec string|(string|{ pattern: string, category?: string, weight?: number, language?: "fr"|"en" })[]|{ language?: "fr"|"en", category?: string, weight?: number }
---@return vigie.LingMatcher
function ling.pattern(spec) end

--- A built-in vocabulary (`vocab.names`), matched by stems.
---@param name "venting"|"insult"|"intimidation"|"threat"|"blackmail"|"gossip"|"access"|"bribe"|"personal-life"|string
---@return vigie.LingMatcher
function ling.vocab(name) end

---@param s string
---@return vigie.LingToken[]
function ling.tokens(s) end

---@param s string
---@return { start: integer, stop: integer, text: string, question: boolean }[]
function ling.sentences(s) end

--- The stem of a word as lexicons and patterns compare them (folded first).
---@param word string
---@param language? "fr"|"en"   default "fr"
---@return string
function ling.stem(word, language) end

pii = {}
---@param s string
---@return vigie.Match[]
function pii.phones(s) end
---@param s string
---@return vigie.Match[]
function pii.emails(s) end
---@param s string
---@return vigie.Match[]
function pii.postal_codes(s) end
---@param s string
---@return vigie.Match[]
function pii.addresses(s) end
---@param s string
---@return vigie.Match[]
function pii.ibans(s) end
---@param s string
---@return vigie.Match[]
function pii.nirs(s) end
---@param s string
---@return vigie.Match[]
function pii.sins(s) end
--- Every personal-data detector, overlaps resolved.
---@param s string
---@return vigie.Match[]
function pii.all(s) end

links = {}
---@param s string
---@return vigie.Match[]
function links.urls(s) end
---@param s string
---@return vigie.Match[]
function links.domains(s) end

dates = {}
--- Dates, resolved against the reference (a post, or seconds since 1970).
---@param s string
---@param reference? vigie.Post|number
---@param utc_offset? integer
---@return vigie.Match[]
function dates.find(s, reference, utc_offset) end
--- Absence announcements (attributes from/to when resolvable).
---@param s string
---@param reference? vigie.Post|number
---@param utc_offset? integer
---@return vigie.Match[]
function dates.absences(s, reference, utc_offset) end

geo = {}
--- Positions a post gives away: EXIF of attachments, tagged place.
---@param post vigie.Post
---@return { lat: number, lon: number, source: "exif"|"place", attachment?: integer }[]
function geo.points(post) end
--- Metres between two points.
---@param a vigie.Point
---@param b vigie.Point
---@return number
function geo.distance(a, b) end

--- The highest classification level a text reveals (policy markers and
--- profile assets' markers), or nil.
---@param s string|vigie.Post
---@return { level: string, rank: integer, matches: vigie.Match[] }?
function classify(s) end

--- The highest level the post's channel may carry, and its rank; nil when
--- the classification says nothing about it.
---@param post vigie.Post
---@return string?, integer?
function allowed_level(post) end
