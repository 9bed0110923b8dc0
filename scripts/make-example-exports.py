#!/usr/bin/env python3
"""Writes the bundled example exports of Éclat Net (an invented cleaning
business, after seeds/000) in three real export formats, traps included:
a Facebook page export (UTF-8 written as \\u00XX escapes), an Instagram
export (same family, same trap), and an X/Twitter archive (JavaScript, not
JSON). Everything is invented: people, numbers (555 ranges), addresses.

Run from the repository's root: scripts/make-example-exports.py
The files are committed; rerun only to change the example.
"""
import json
import os
from datetime import datetime, timedelta, timezone

ROOT = os.path.join("Policies", "entretien-menager", "donnees")
EST = timezone(timedelta(hours=-5))
EDT = timezone(timedelta(hours=-4))


def ts(text, tz=EST):
    return int(datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=tz).timestamp())


def meta_escape(obj):
    """Meta's exports write every UTF-8 byte as its own \\u00XX escape."""
    def mangle(s):
        return s.encode("utf-8").decode("latin-1")

    def walk(o):
        if isinstance(o, str):
            return mangle(o)
        if isinstance(o, list):
            return [walk(x) for x in o]
        if isinstance(o, dict):
            return {mangle(k): walk(v) for k, v in o.items()}
        return o

    return json.dumps(walk(obj), indent=2, ensure_ascii=True)


def write(path, text):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text + "\n")


# --- Facebook: the business page ------------------------------------------------
PAGE = "Éclat Net"
posts = [
    ("2026-02-02 09:00", "Nouvelle année, nouvelles brosses ! Éclat Net prend des clients à Laval et à Sainte-Rose. Soumission gratuite au 450 555-0100."),
    ("2026-02-10 10:30", "Merci à Mme Tremblay pour sa confiance depuis trois ans ! Sa maison de la rue des Érables brille."),
    ("2026-02-17 11:00", "Merci à M. Gagnon pour sa belle référence : ça nous touche beaucoup."),
    ("2026-02-24 14:15", "Devinez chez quel ministre on a fait le grand ménage ce matin 😉 On ne dira rien… promis !"),
    ("2026-03-03 09:30", "Nos conseils pour l’entretien des planchers de bois franc au printemps."),
    ("2026-03-12 20:45", "Franchement, certaines clientes sont épuisantes, j’en ai ras le bol ce soir."),
]
fb_posts = [
    {"timestamp": ts(t), "data": [{"post": text}], "title": f"{PAGE} a publié dans {PAGE}."}
    for t, text in posts
]
comments = [
    ("2026-02-23 09:15", "Sylvie Tremblay", "Service nul, je suis furieuse ! Plus jamais avec Éclat Net, c’est inadmissible."),
    ("2026-02-23 15:40", PAGE, "Bonjour Mme Tremblay, nous sommes désolées. Nous vous appelons aujourd’hui pour trouver une solution."),
    ("2026-03-02 08:05", "Sylvie Tremblay", "Vous allez le regretter, je sais où vous habitez."),
    ("2026-03-09 22:30", "Sylvie Tremblay", "Vous allez le regretter, bande d’incapables. Faites attention à vous."),
    ("2026-03-04 10:00", "Brillo Express", "Chez Éclat Net ce sont des incompétentes, fuyez !"),
    ("2026-03-11 10:00", "Brillo Express", "Encore des incompétentes qui volent leurs clients."),
    ("2026-03-05 18:20", "Jean-Philippe Lacasse", "Bonjour ! Vous faites le ménage chez les Tremblay ? Ils partent quand en vacances ?"),
    ("2026-03-06 12:00", "Marc Gagnon", "Toujours un plaisir, merci l’équipe !"),
]
fb_comments = {
    "comments_v2": [
        {
            "timestamp": ts(t),
            "data": [{"comment": {"timestamp": ts(t), "comment": text, "author": who}}],
            "title": f"{who} a commenté la publication de {PAGE}.",
        }
        for t, who, text in comments
    ]
}
write("facebook/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", meta_escape(fb_posts))
write("facebook/your_facebook_activity/comments_and_reactions/comments.json", meta_escape(fb_comments))

# --- Instagram: Nadia's account ----------------------------------------------------
ig_posts = [
    {"media": [{"uri": "media/posts/202603/avant-apres.jpg", "creation_timestamp": ts("2026-03-07 16:00"),
                "title": "Avant / après : une cuisine qui brille ✨ #ménage #avantaprès"}]},
    {"media": [{"uri": "media/posts/202607/valises.jpg", "creation_timestamp": ts("2026-07-28 19:00", EDT),
                "title": "En vacances du 3 au 17 août, la maison sera vide ! Enfin la Gaspésie 🌊"}]},
]
thread = {
    "participants": [{"name": "Marc-André Lebel"}, {"name": "Nadia Berthiaume"}],
    "messages": [
        {"sender_name": "Marc-André Lebel", "timestamp_ms": ts("2026-03-18 21:40") * 1000,
         "content": "Je vous donne 200 $ si vous me dites quand la maison des Côté est vide."},
        {"sender_name": "Nadia Berthiaume", "timestamp_ms": ts("2026-03-18 21:55") * 1000,
         "content": "Nous ne donnons aucune information sur nos clients."},
        {"sender_name": "Marc-André Lebel", "timestamp_ms": ts("2026-03-19 08:10") * 1000,
         "content": "Allez, c’est quoi le code de la porte ? Je paie bien."},
        {"sender_name": "Marc-André Lebel", "timestamp_ms": ts("2026-03-10 14:00") * 1000,
         "content": "Bonjour, vous faites le ménage chez qui à Sainte-Rose ?"},
    ],
    "title": "Marc-André Lebel",
    "is_still_participant": True,
    "thread_path": "inbox/marcandrelebel_1234567890",
}
write("instagram/your_instagram_activity/content/posts_1.json", meta_escape(ig_posts))
write("instagram/your_instagram_activity/messages/inbox/marcandrelebel_1234567890/message_1.json", meta_escape(thread))

# --- X / Twitter: Karine's archive ---------------------------------------------------
account = [{"account": {"email": "k.ouellet@exemple.fr", "createdVia": "web", "username": "kouellet_menage",
                        "accountId": "1700000000000000042", "createdAt": "2024-01-15T10:00:00.000Z",
                        "accountDisplayName": "Karine Ouellet"}}]
tweets = [
    ("2026-02-05 08:30", "Premier jour chez Éclat Net, une équipe en or !"),
    ("2026-02-19 12:10", "Chez Mme G. tous les mardis, la clé sous le paillasson comme d’habitude 😅"),
    ("2026-03-03 17:45", "Pour les soumissions, textez-moi au 514 555-0142 !"),
    ("2026-03-13 21:05", "Ce client est un vrai crétin, impossible de travailler avec lui."),
]


def tweet(i, t, text):
    created = datetime.strptime(t, "%Y-%m-%d %H:%M").replace(tzinfo=EST).astimezone(timezone.utc)
    return {"tweet": {
        "id_str": str(1890000000000000000 + i), "id": str(1890000000000000000 + i),
        "created_at": created.strftime("%a %b %d %H:%M:%S +0000 %Y"),
        "full_text": text, "lang": "fr",
        "entities": {"hashtags": [], "user_mentions": [], "urls": [], "symbols": []},
        "favorite_count": "0", "retweet_count": "0", "retweeted": False, "favorited": False,
        "display_text_range": ["0", str(len(text))],
    }}


write("twitter/data/account.js", "window.YTD.account.part0 = " + json.dumps(account, indent=2, ensure_ascii=False))
write("twitter/data/tweets.js", "window.YTD.tweets.part0 = " + json.dumps(
    [tweet(i, t, text) for i, (t, text) in enumerate(tweets)], indent=2, ensure_ascii=False))
print("wrote", ROOT)


# === Nordelia (seeds/002): LinkedIn (Théo), Mastodon (Inès), JSONL (Inès's personal account) ===
ROOT = os.path.join("Policies", "nordelia", "donnees")


def linkedin_cell(text):
    """LinkedIn wraps each line of the text in literal quotes, then CSV-quotes the cell."""
    wrapped = "\n".join('"' + line + '"' for line in text.split("\n"))
    return '"' + wrapped.replace('"', '""') + '"'


shares = [
    ("2026-04-20 09:00:00", "Nous recrutons des ingénieures et ingénieurs en transport à Québec !\nÉcrivez-nous : carrieres@nordelia.example", "PUBLIC"),
    ("2026-05-07 23:40:00", "Chez Nordelia, la direction annonce une restructuration demain, ambiance…\nJe n'en peux plus.", "PUBLIC"),
    ("2026-05-13 08:15:00", "Les chiffres du trimestre sont excellents, avant même l'annonce officielle 😎", "CONNECTIONS"),
]
rows = ["Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility"]
for i, (date, text, vis) in enumerate(shares):
    rows.append(f"{date},https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A80{i},{linkedin_cell(text)},,,{vis}")
write("linkedin/Shares.csv", "\n".join(rows))
comments = [("2026-05-14 12:00:00", "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A900",
             "Bravo à l'équipe Énergie ! On prépare le prix soumis pour l'appel d'offres en cours, croisez les doigts.")]
rows = ["Date,Link,Message"] + [f"{d},{l},{linkedin_cell(m)}" for d, l, m in comments]
write("linkedin/Comments.csv", "\n".join(rows))

ACTOR = "https://mastodon.example/users/ines_lav"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
toots = [
    ("2026-05-04T06:10:00Z", "Encore réveillée à 2 h, trop de choses en tête."),
    ("2026-05-05T06:40:00Z", "Nuit blanche, le dossier avance."),
    ("2026-05-06T05:55:00Z", "3e nuit de suite au bureau virtuel…"),
    ("2026-05-12T14:00:00Z", "Belle conférence sur les tramways à Québec !"),
    ("2026-05-13T02:00:00Z", "Hâte de vous montrer le projet Hermès pour Transports Boréal, on signe bientôt !"),
]
items = []
for i, (when, text) in enumerate(toots):
    sid = f"{ACTOR}/statuses/{2000 + i}"
    items.append({
        "id": sid + "/activity", "type": "Create", "actor": ACTOR, "published": when,
        "to": [PUBLIC], "cc": [ACTOR + "/followers"],
        "object": {"id": sid, "type": "Note", "summary": None, "inReplyTo": None, "published": when,
                   "url": f"https://mastodon.example/@ines_lav/{2000 + i}", "attributedTo": ACTOR,
                   "to": [PUBLIC], "cc": [ACTOR + "/followers"], "sensitive": False,
                   "content": "<p>" + text.replace("&", "&amp;") + "</p>", "contentMap": {"fr": "<p>" + text + "</p>"},
                   "tag": [], "attachment": []},
    })
write("mastodon/outbox.json", json.dumps({"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json",
                                          "type": "OrderedCollection", "totalItems": len(items),
                                          "orderedItems": items}, indent=2, ensure_ascii=False))
write("mastodon/actor.json", json.dumps({"@context": ["https://www.w3.org/ns/activitystreams"], "id": ACTOR,
                                         "type": "Person", "preferredUsername": "ines_lav", "name": "Inès L.",
                                         "url": "https://mastodon.example/@ines_lav", "outbox": "outbox.json"},
                                        indent=2, ensure_ascii=False))

# A JSONL stream (Vigie's own format): Inès's personal Instagram, written by another tool.
lines = []
for i in range(12):
    day = datetime(2026, 5, 1, 12, 0, tzinfo=EDT) + timedelta(days=i // 3, hours=(i % 3) * 3)
    text = ["Brunch du dimanche 🥞", "Mon chat adore le soleil", "Petite soirée des collègues de Nordelia 🎉",
            "Mon chum et moi on part en Gaspésie cet été", "Réunion interne à 8 h, mon boss en forme…",
            "Rando au mont Sainte-Anne"][i % 6]
    lines.append(json.dumps({"schema": "vigie.activity/1", "id": f"ig-ines-{i}", "kind": "post", "platform": "instagram",
                             "author": {"platform": "instagram", "handle": "ines.lav.perso"}, "actorID": "ines",
                             "timestamp": day.isoformat(), "visibility": "public", "text": text, "language": "fr",
                             "source": {"file": "instagram-perso.jsonl", "index": i, "line": i + 1}},
                            ensure_ascii=False, sort_keys=True))
write("instagram-perso.jsonl", "\n".join(lines))
print("wrote", ROOT)


# === Northshore Physio (English): Mastodon (the clinic), X archive (Jordan), JSONL (public comments) ===
ROOT = os.path.join("Policies", "northshore-physio", "donnees")
ADT = timezone(timedelta(hours=-3))
ACTOR = "https://mastodon.example/users/northshorephysio"
toots = [
    ("2026-05-01T12:00:00Z", "Five exercises to protect your knees this spring."),
    ("2026-05-06T12:00:00Z", "Our new rehab room is ready! Book at 902 555-0100."),
    ("2026-05-15T12:00:00Z", "The clinic is closed on Monday for the holiday."),
]
items = []
for i, (when, text) in enumerate(toots):
    sid = f"{ACTOR}/statuses/{3000 + i}"
    items.append({"id": sid + "/activity", "type": "Create", "actor": ACTOR, "published": when,
                  "to": [PUBLIC], "cc": [ACTOR + "/followers"],
                  "object": {"id": sid, "type": "Note", "published": when, "attributedTo": ACTOR,
                             "url": f"https://mastodon.example/@northshorephysio/{3000 + i}",
                             "to": [PUBLIC], "cc": [ACTOR + "/followers"], "sensitive": False,
                             "content": "<p>" + text + "</p>", "tag": [], "attachment": []}})
write("mastodon/outbox.json", json.dumps({"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json",
                                          "type": "OrderedCollection", "totalItems": len(items),
                                          "orderedItems": items}, indent=2))
write("mastodon/actor.json", json.dumps({"@context": ["https://www.w3.org/ns/activitystreams"], "id": ACTOR,
                                         "type": "Person", "preferredUsername": "northshorephysio",
                                         "name": "Northshore Physio", "outbox": "outbox.json"}, indent=2))

account = [{"account": {"email": "jordan@example.com", "username": "jreyes_physio", "accountId": "1800000000000000007",
                        "createdAt": "2023-03-01T10:00:00.000Z", "accountDisplayName": "Jordan Reyes"}}]
tweets = [
    ("2026-05-02 09:00", "Great workshop on shoulder rehab today!"),
    ("2026-05-05 18:30", "My patient Mr. Doyle tore his ACL again, surgery next week…"),
    ("2026-05-12 20:00", "Off to Portugal for two weeks starting Monday, finally!"),
]


def tweet_en(i, t, text):
    created = datetime.strptime(t, "%Y-%m-%d %H:%M").replace(tzinfo=ADT).astimezone(timezone.utc)
    return {"tweet": {"id_str": str(1900000000000000000 + i), "id": str(1900000000000000000 + i),
                      "created_at": created.strftime("%a %b %d %H:%M:%S +0000 %Y"), "full_text": text, "lang": "en",
                      "entities": {"hashtags": [], "user_mentions": [], "urls": [], "symbols": []},
                      "favorite_count": "0", "retweet_count": "0", "display_text_range": ["0", str(len(text))]}}


write("twitter/data/account.js", "window.YTD.account.part0 = " + json.dumps(account, indent=2))
write("twitter/data/tweets.js", "window.YTD.tweets.part0 = " + json.dumps(
    [tweet_en(i, t, text) for i, (t, text) in enumerate(tweets)], indent=2, ensure_ascii=False))
dms = [{"dmConversation": {"conversationId": "1800000000000000007-1800000000000000099", "messages": [
    {"messageCreate": {"recipientId": "1800000000000000007", "senderId": "1800000000000000099", "id": "501",
                       "text": "You'll regret this, I know where you live.", "mediaUrls": [],
                       "createdAt": "2026-05-08T01:00:00.000Z"}},
    {"messageCreate": {"recipientId": "1800000000000000007", "senderId": "1800000000000000099", "id": "502",
                       "text": "Watch your back, I'm serious.", "mediaUrls": [],
                       "createdAt": "2026-05-15T01:00:00.000Z"}},
]}}]
write("twitter/data/direct-messages.js", "window.YTD.direct_messages.part0 = " + json.dumps(dms, indent=2))

comments = [
    ("2026-05-03T14:00:00-03:00", "Worst clinic ever, I'm so fed up with this place.", "client"),
    ("2026-05-10T14:00:00-03:00", "Still waiting for a call back. So fed up.", "client"),
    ("2026-05-11T09:00:00-03:00", "Thank you Jordan, my shoulder feels so much better!", "client"),
]
lines = []
for i, (when, text, kind) in enumerate(comments):
    lines.append(json.dumps({"schema": "vigie.activity/1", "id": f"review-{i}", "kind": "comment", "platform": "mastodon",
                             "author": {"platform": "mastodon", "handle": "doyle_p@mastodon.example", "displayName": "P. Doyle"},
                             "actorID": "mr-doyle", "timestamp": when, "visibility": "public", "text": text,
                             "language": "en", "source": {"file": "public-comments.jsonl", "index": i, "line": i + 1}},
                            ensure_ascii=False, sort_keys=True))
write("public-comments.jsonl", "\n".join(lines))
print("wrote", ROOT)
