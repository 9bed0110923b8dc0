window.YTD.tweets.part0 = [
  {
    "tweet": {
      "id_str": "1890000000000000000",
      "id": "1890000000000000000",
      "created_at": "Thu Feb 05 13:30:00 +0000 2026",
      "full_text": "Premier jour chez Éclat Net, une équipe en or !",
      "lang": "fr",
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": [],
        "symbols": []
      },
      "favorite_count": "0",
      "retweet_count": "0",
      "retweeted": false,
      "favorited": false,
      "display_text_range": [
        "0",
        "47"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "1890000000000000001",
      "id": "1890000000000000001",
      "created_at": "Thu Feb 19 17:10:00 +0000 2026",
      "full_text": "Chez Mme G. tous les mardis, la clé sous le paillasson comme d’habitude 😅",
      "lang": "fr",
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": [],
        "symbols": []
      },
      "favorite_count": "0",
      "retweet_count": "0",
      "retweeted": false,
      "favorited": false,
      "display_text_range": [
        "0",
        "73"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "1890000000000000002",
      "id": "1890000000000000002",
      "created_at": "Tue Mar 03 22:45:00 +0000 2026",
      "full_text": "Pour les soumissions, textez-moi au 514 555-0142 !",
      "lang": "fr",
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": [],
        "symbols": []
      },
      "favorite_count": "0",
      "retweet_count": "0",
      "retweeted": false,
      "favorited": false,
      "display_text_range": [
        "0",
        "50"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "1890000000000000003",
      "id": "1890000000000000003",
      "created_at": "Sat Mar 14 02:05:00 +0000 2026",
      "full_text": "Ce client est un vrai crétin, impossible de travailler avec lui.",
      "lang": "fr",
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": [],
        "symbols": []
      },
      "favorite_count": "0",
      "retweet_count": "0",
      "retweeted": false,
      "favorited": false,
      "display_text_range": [
        "0",
        "64"
      ]
    }
  }
]
