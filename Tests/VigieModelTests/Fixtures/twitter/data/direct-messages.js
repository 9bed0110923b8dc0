window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "42-1500000000000000001",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "1500000000000000001",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Bonjour, vous faites le ménage chez la famille du ministre ? Je paierais bien pour savoir quand ils partent en vacances.",
            "mediaUrls" : [ ],
            "senderId" : "99",
            "id" : "1660000000000000010",
            "createdAt" : "2023-05-20T10:00:00.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "99",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Nous ne parlons jamais de nos clients. Bonne journée.",
            "mediaUrls" : [ ],
            "senderId" : "1500000000000000001",
            "id" : "1660000000000000011",
            "createdAt" : "2023-05-20T10:05:00.000Z"
          }
        }
      ]
    }
  }
]
