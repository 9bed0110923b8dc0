window.YTD.tweets.part0 = [
  {
    "tweet": {
      "id_str": "1900000000000000000",
      "id": "1900000000000000000",
      "created_at": "Sat May 02 12:00:00 +0000 2026",
      "full_text": "Great workshop on shoulder rehab today!",
      "lang": "en",
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": [],
        "symbols": []
      },
      "favorite_count": "0",
      "retweet_count": "0",
      "display_text_range": [
        "0",
        "39"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000001",
      "id": "1900000000000000001",
      "created_at": "Tue May 05 21:30:00 +0000 2026",
      "full_text": "My patient Mr. Doyle tore his ACL again, surgery next week…",
      "lang": "en",
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": [],
        "symbols": []
      },
      "favorite_count": "0",
      "retweet_count": "0",
      "display_text_range": [
        "0",
        "59"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000002",
      "id": "1900000000000000002",
      "created_at": "Tue May 12 23:00:00 +0000 2026",
      "full_text": "Off to Portugal for two weeks starting Monday, finally!",
      "lang": "en",
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": [],
        "symbols": []
      },
      "favorite_count": "0",
      "retweet_count": "0",
      "display_text_range": [
        "0",
        "55"
      ]
    }
  }
]
