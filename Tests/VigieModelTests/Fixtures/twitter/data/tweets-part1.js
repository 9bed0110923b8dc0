window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ ], "urls" : [ ] },
      "id_str" : "1658000000000000004",
      "created_at" : "Tue May 16 21:45:30 +0000 2023",
      "full_text" : "Journée difficile… certains clients &lt;vraiment&gt; exigeants.",
      "lang" : "fr",
      "coordinates" : { "type" : "Point", "coordinates" : [ "-73.7124", "45.6066" ] }
    }
  },
  {
    "tweet" : {
      "entities" : { "hashtags" : [ ], "symbols" : [ ], "user_mentions" : [ ], "urls" : [ ] },
      "id_str" : "1658000000000000005",
      "created_at" : "Wed May 17 07:00:00 +0000 2023",
      "full_text" : "Bonne semaine à tous 🧽",
      "lang" : "und"
    }
  }
]
