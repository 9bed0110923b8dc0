window.YTD.direct_messages.part0 = [
  {
    "dmConversation": {
      "conversationId": "1800000000000000007-1800000000000000099",
      "messages": [
        {
          "messageCreate": {
            "recipientId": "1800000000000000007",
            "senderId": "1800000000000000099",
            "id": "501",
            "text": "You'll regret this, I know where you live.",
            "mediaUrls": [],
            "createdAt": "2026-05-08T01:00:00.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1800000000000000007",
            "senderId": "1800000000000000099",
            "id": "502",
            "text": "Watch your back, I'm serious.",
            "mediaUrls": [],
            "createdAt": "2026-05-15T01:00:00.000Z"
          }
        }
      ]
    }
  }
]
