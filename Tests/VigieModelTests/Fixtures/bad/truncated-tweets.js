window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "id_str" : "1",
      "created_at" : "Sat May 13 17:20:09 +0000 2023",
      "full_text" : "Premier tweet complet.",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "id_str" : "2",
      "created_at" : "Sat May 13 18:20:09 +0000 2023",
      "full_text" : "Deuxième tweet, avec une erreur" "ici",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "id_str" : "3",
      "created_at" : "Sat May 13 19:20:09 +0000 2023",
      "full_text" : "Troisième tweet complet.",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "id_str" : "4",
      "created_at" : "Sat May 13 20:20:09 +0000 2023",
      "full_text" : "Quatrième tweet coupé au mil
