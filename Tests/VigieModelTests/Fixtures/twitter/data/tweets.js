window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : { "initial" : { "editTweetIds" : [ "1657000000000000001" ] } },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ { "text" : "ménage", "indices" : [ "40", "47" ] } ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ { "url" : "https://t.co/abc123", "expanded_url" : "https://eclatnet.example/tarifs", "display_url" : "eclatnet.example/tarifs", "indices" : [ "60", "83" ] } ]
      },
      "display_text_range" : [ "0", "83" ],
      "favorite_count" : "3",
      "id_str" : "1657000000000000001",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1657000000000000001",
      "created_at" : "Sat May 13 17:20:09 +0000 2023",
      "favorited" : false,
      "full_text" : "Nouveaux tarifs pour l’entretien &amp; le #ménage de printemps : https://t.co/abc123",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ { "name" : "Marc T.", "screen_name" : "marc_t", "indices" : [ "0", "7" ], "id_str" : "42", "id" : "42" } ],
        "urls" : [ ]
      },
      "id_str" : "1657000000000000002",
      "in_reply_to_status_id_str" : "1656999999999999999",
      "in_reply_to_user_id_str" : "42",
      "in_reply_to_screen_name" : "marc_t",
      "created_at" : "Sun May 14 08:01:00 +0000 2023",
      "full_text" : "@marc_t Désolée pour le retard de ce matin, on vous rappelle.",
      "lang" : "fr",
      "favorite_count" : "0",
      "retweet_count" : "0"
    }
  },
  {
    "tweet" : {
      "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ { "screen_name" : "chambrecommerce", "id_str" : "7" } ], "urls" : [ ] },
      "extended_entities" : { "media" : [ { "type" : "photo", "media_url_https" : "https://pbs.twimg.com/media/abc.jpg", "ext_alt_text" : "Un salon rangé" } ] },
      "id_str" : "1657000000000000003",
      "created_at" : "Mon May 15 12:00:00 +0000 2023",
      "full_text" : "RT @chambrecommerce: Bravo aux entreprises lauréates 2023 !",
      "lang" : "fr"
    }
  }
]
