window.YTD.account.part0 = [
  {
    "account": {
      "email": "jordan@example.com",
      "username": "jreyes_physio",
      "accountId": "1800000000000000007",
      "createdAt": "2023-03-01T10:00:00.000Z",
      "accountDisplayName": "Jordan Reyes"
    }
  }
]
